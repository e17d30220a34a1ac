namespace CommerceBus.Adapters.Proxy.Streaming;

/// <summary>
/// The bytes recorded so far, read synchronously by a scanner, noting whether the scanner asked for more than there
/// is: an XML error then may only mean the prefix is cut short (read more and scan again), not that the body is bad.
/// </summary>
internal sealed class RecordedBytesStream(ReadOnlyMemory<byte> bytes) : ReadOnlyStream
{
    private int _position;

    /// <summary>Whether a read found no byte left, i.e. the reader wanted more than the recorded prefix.</summary>
    public bool ReadPastEnd { get; private set; }

    // Seekable, so that an XmlReader sizes its buffers to the bytes there are (XmlReader.CalcBufferSize) instead of 4 KB.
    public override bool CanSeek => true;

    public override long Length => bytes.Length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 && value <= bytes.Length ? (int)value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => bytes.Length + offset,
    };

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, bytes.Length - _position);
        if (count <= 0)
        {
            ReadPastEnd = true;
            return 0;
        }

        bytes.Span.Slice(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
