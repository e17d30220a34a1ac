namespace CommerceBus.Adapters.Proxy.Streaming;

/// <summary>
/// The request body as forwarded after a scan: the bytes the scanner consumed, then the unread rest of the original
/// body, streamed. Disposing it releases the recorded prefix.
/// </summary>
internal sealed class PrefixedStream(RecordingStream prefix, Stream rest) : Stream
{
    private int _prefixOffset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var recorded = prefix.Recorded;
        if (_prefixOffset < recorded.Length)
        {
            var count = Math.Min(buffer.Length, recorded.Length - _prefixOffset);
            recorded.Slice(_prefixOffset, count).CopyTo(buffer);
            _prefixOffset += count;
            return ValueTask.FromResult(count);
        }

        return rest.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The proxy reads request bodies asynchronously only.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            prefix.Dispose();
        }

        base.Dispose(disposing);
    }
}
