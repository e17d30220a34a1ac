namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>Protocol-blind damage to a valid message's bytes: cut short, bytes flipped, invalid UTF-8, plain noise.</summary>
public static class ByteMutations
{
    /// <summary>Byte sequences no UTF-8 decoder may accept: lone continuation bytes, overlong forms, surrogates, 0xFF.</summary>
    public static readonly byte[][] InvalidUtf8 =
    [
        [0x80], [0xBF], [0xC0, 0xAF], [0xC3, 0x28], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ];

    public static byte[] Truncate(byte[] message, int length) => message[..length];

    /// <summary>Sets <paramref name="count"/> random positions to random bytes (any value, so also controls and non-ASCII).</summary>
    public static byte[] Flip(byte[] message, Random random, int count)
    {
        var copy = (byte[])message.Clone();
        for (var i = 0; i < count; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    /// <summary>Inserts one invalid UTF-8 sequence at a random position.</summary>
    public static byte[] InsertInvalidUtf8(byte[] message, Random random)
    {
        var bad = InvalidUtf8[random.Next(InvalidUtf8.Length)];
        var at = random.Next(message.Length + 1);
        return [.. message.AsSpan(0, at), .. bad, .. message.AsSpan(at)];
    }

    public static byte[] Noise(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Replaces every byte of <paramref name="bytes"/> equal to <paramref name="forbidden"/> (an LF that would split a record, say).</summary>
    public static byte[] Without(byte[] bytes, byte forbidden, byte instead)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == forbidden)
            {
                bytes[i] = instead;
            }
        }

        return bytes;
    }
}
