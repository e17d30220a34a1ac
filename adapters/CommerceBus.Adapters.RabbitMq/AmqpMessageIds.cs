using System.Security.Cryptography;
using System.Text;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// Turns an AMQP <c>message_id</c> into the hub's message id: a GUID as it is; any other text into a name-based GUID
/// (RFC 9562 version 5) of the publishing application and the id, so the same id always maps to the same GUID and the
/// hub's inbox recognises a redelivery, while two applications that both number their messages 1, 2, 3 do not collide.
/// </summary>
internal static class AmqpMessageIds
{
    private static readonly Guid Namespace = new("4b0b4f4e-6b1e-4d55-9a59-6a1f0c3e2d10");

    public static Guid From(string messageId, string? appId)
    {
        if (Guid.TryParse(messageId, out var guid))
        {
            return guid;
        }

        var name = Encoding.UTF8.GetBytes($"{appId}\n{messageId}");
        var bytes = new byte[16 + name.Length];
        Namespace.TryWriteBytes(bytes, bigEndian: true, out _);
        name.CopyTo(bytes, 16);
        var hash = SHA1.HashData(bytes);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
