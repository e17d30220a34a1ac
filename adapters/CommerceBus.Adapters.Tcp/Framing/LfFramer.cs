using System.Buffers;

namespace CommerceBus.Adapters.Tcp.Framing;

/// <summary>
/// LF-terminated records; a CR right before the LF is not part of the record. A record longer than the limit is reported
/// as soon as the limit is passed, without waiting for its LF, and everything up to the next LF is then skipped, so a
/// client that never sends an LF cannot make the buffer grow.
/// </summary>
internal sealed class LfFramer(int maxRecordBytes) : IRecordFramer
{
    private const byte Lf = (byte)'\n';
    private const byte Cr = (byte)'\r';

    private bool _skipping;

    public FrameStatus TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> record)
    {
        record = default;
        while (true)
        {
            var lf = buffer.PositionOf(Lf);
            if (_skipping)
            {
                if (lf is null)
                {
                    buffer = buffer.Slice(buffer.End);
                    return FrameStatus.NeedMore;
                }

                buffer = buffer.Slice(buffer.GetPosition(1, lf.Value));
                _skipping = false;
                continue;
            }

            if (lf is null)
            {
                // Room for the limit plus a CR; beyond that no LF can make the record short enough.
                if (buffer.Length <= maxRecordBytes + 1)
                {
                    return FrameStatus.NeedMore;
                }

                buffer = buffer.Slice(buffer.End);
                _skipping = true;
                return FrameStatus.TooLong;
            }

            var line = buffer.Slice(0, lf.Value);
            buffer = buffer.Slice(buffer.GetPosition(1, lf.Value));
            if (line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == Cr)
            {
                line = line.Slice(0, line.Length - 1);
            }

            if (line.Length > maxRecordBytes)
            {
                return FrameStatus.TooLong;
            }

            record = line;
            return FrameStatus.Record;
        }
    }

    public bool InRecord(in ReadOnlySequence<byte> buffer) => _skipping || !buffer.IsEmpty;

    public void Write(ReadOnlySpan<byte> record, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(record.Length + 1);
        record.CopyTo(span);
        span[record.Length] = Lf;
        output.Advance(record.Length + 1);
    }
}
