using System.Buffers;
using System.Text;

namespace CommerceBus.UnitTests.Adapters.Tcp;

/// <summary>Byte sequences as a pipe hands them over: possibly cut into several segments at any place.</summary>
internal static class Sequences
{
    public static ReadOnlySequence<byte> Of(params string[] segments)
    {
        if (segments.Length == 1)
        {
            return new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(segments[0]));
        }

        var first = new Segment(Encoding.Latin1.GetBytes(segments[0]), 0);
        var last = first;
        foreach (var text in segments.Skip(1))
        {
            last = last.Append(Encoding.Latin1.GetBytes(text));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public static string Text(ReadOnlySequence<byte> bytes) => Encoding.Latin1.GetString(bytes.ToArray());

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
