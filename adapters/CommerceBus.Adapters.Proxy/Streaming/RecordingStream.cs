using System.Buffers;

namespace CommerceBus.Adapters.Proxy.Streaming;

/// <summary>
/// Reads a request body for a scanner and keeps every byte it hands out, so the consumed prefix can be forwarded
/// ahead of the unread rest (<see cref="PrefixedStream"/>). Past <c>limit</c> bytes it reports the end of the body and
/// sets <see cref="LimitReached"/>: the scanner then stops instead of buffering a hostile body.
/// </summary>
internal sealed class RecordingStream(Stream inner, int limit) : AsyncReadOnlyStream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, 8192));
    private int _length;

    public bool LimitReached { get; private set; }

    /// <summary>Whether the body has ended within the bytes recorded (no byte beyond them exists).</summary>
    public bool Complete { get; private set; }

    /// <summary>The bytes read so far; valid until <see cref="Dispose(bool)"/>.</summary>
    public ReadOnlyMemory<byte> Recorded => _buffer.AsMemory(0, _length);

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    /// <summary>
    /// Reads from the body straight into the recording until at least <paramref name="target"/> bytes are recorded
    /// (at most the limit), the body ends (<see cref="Complete"/>), the limit is already reached
    /// (<see cref="LimitReached"/>), or the body has nothing more at hand (a read returned less than asked) once at
    /// least <paramref name="enough"/> new bytes came in: a scanner then parses the recorded bytes synchronously, and
    /// a client that pauses after the part the scanner needs is not kept waiting for more.
    /// </summary>
    public async ValueTask FillAsync(int target, int enough, CancellationToken cancellationToken)
    {
        if (Complete)
        {
            return;
        }

        if (_length >= limit)
        {
            LimitReached = true;
            return;
        }

        target = Math.Min(target, limit);
        Reserve(target);
        var start = _length;
        while (_length < target)
        {
            var asked = target - _length;
            var read = await inner.ReadAsync(_buffer.AsMemory(_length, asked), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                Complete = true;
                return;
            }

            _length += read;
            if (read < asked && _length - start >= enough)
            {
                return;
            }
        }
    }

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
        Reserve(_length + bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int size)
    {
        if (size > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, size));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }
}
