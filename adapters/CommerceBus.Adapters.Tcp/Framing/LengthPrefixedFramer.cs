using System.Buffers;
using System.Buffers.Binary;

namespace CommerceBus.Adapters.Tcp.Framing;

/// <summary>
/// Records preceded by their length as a big-endian unsigned integer of 2 or 4 bytes. A record longer than the limit
/// is reported at its prefix and its bytes are skipped as they arrive, never buffered.
/// </summary>
internal sealed class LengthPrefixedFramer(int maxRecordBytes, int prefixBytes) : IRecordFramer
{
    private long _skip;

    public FrameStatus TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> record)
    {
        record = default;
        if (_skip > 0)
        {
            var skipped = Math.Min(_skip, buffer.Length);
            buffer = buffer.Slice(skipped);
            _skip -= skipped;
            if (_skip > 0)
            {
                return FrameStatus.NeedMore;
            }
        }

        if (buffer.Length < prefixBytes)
        {
            return FrameStatus.NeedMore;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, prefixBytes).CopyTo(prefix);
        long length = prefixBytes == 2 ? BinaryPrimitives.ReadUInt16BigEndian(prefix) : BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length > maxRecordBytes)
        {
            buffer = buffer.Slice(prefixBytes);
            _skip = length;
            return FrameStatus.TooLong;
        }

        if (buffer.Length < prefixBytes + length)
        {
            return FrameStatus.NeedMore;
        }

        record = buffer.Slice(prefixBytes, length);
        buffer = buffer.Slice(prefixBytes + length);
        return FrameStatus.Record;
    }

    public bool InRecord(in ReadOnlySequence<byte> buffer) => _skip > 0 || !buffer.IsEmpty;

    public void Write(ReadOnlySpan<byte> record, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(prefixBytes + record.Length);
        if (prefixBytes == 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, checked((ushort)record.Length));
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)record.Length);
        }

        record.CopyTo(span[prefixBytes..]);
        output.Advance(prefixBytes + record.Length);
    }
}
