using System.Buffers;

namespace CommerceBus.Adapters.Proxy.Streaming;

/// <summary>
/// Reads a request body for a scanner and keeps every byte it hands out, so the consumed prefix can be forwarded
/// ahead of the unread rest (<see cref="PrefixedStream"/>). Past <c>limit</c> bytes it reports the end of the body and
/// sets <see cref="LimitReached"/>: the scanner then stops instead of buffering a hostile body.
/// </summary>
internal sealed class RecordingStream(Stream inner, int limit) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, 8192));
    private int _length;

    public bool LimitReached { get; private set; }

    /// <summary>The bytes read so far; valid until <see cref="Dispose(bool)"/>.</summary>
    public ReadOnlyMemory<byte> Recorded => _buffer.AsMemory(0, _length);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var room = limit - _length;
        if (room <= 0)
        {
            LimitReached = true;
            return 0;
        }

        var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, room)], cancellationToken).ConfigureAwait(false);
        Record(buffer.Span[..read]);
        return read;
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
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }

        base.Dispose(disposing);
    }

    private void Record(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes.Length));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }
}
