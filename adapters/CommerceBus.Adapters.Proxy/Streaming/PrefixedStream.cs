namespace CommerceBus.Adapters.Proxy.Streaming;

/// <summary>
/// The request body as forwarded after a scan: the bytes the scanner consumed, then the unread rest of the original
/// body, streamed. Disposing it releases the recorded prefix.
/// </summary>
internal sealed class PrefixedStream(RecordingStream prefix, Stream rest) : AsyncReadOnlyStream
{
    private int _prefixOffset;

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            prefix.Dispose();
        }

        base.Dispose(disposing);
    }
}
