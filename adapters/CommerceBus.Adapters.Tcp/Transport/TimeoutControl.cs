namespace CommerceBus.Adapters.Tcp.Transport;

/// <summary>
/// A connection's deadlines, after Kestrel's TimeoutControl: whoever waits on the socket arms a deadline first and
/// disarms it after; a heartbeat aborts the connections whose armed deadline has passed.
/// </summary>
internal sealed class TimeoutControl
{
    private long _readDeadline = long.MaxValue;
    private long _writeDeadline = long.MaxValue;
    private string _readReason = "";

    public static long Now => Environment.TickCount64;

    /// <summary>Waiting for bytes from the peer: give up at <paramref name="deadline"/> (<see cref="Now"/> milliseconds).</summary>
    public void ArmRead(long deadline, string reason)
    {
        _readReason = reason;
        Volatile.Write(ref _readDeadline, deadline);
    }

    public void DisarmRead() => Volatile.Write(ref _readDeadline, long.MaxValue);

    /// <summary>Waiting for the peer to take bytes we sent: give up after <paramref name="timeout"/>.</summary>
    public void ArmWrite(TimeSpan timeout) => Volatile.Write(ref _writeDeadline, Now + (long)timeout.TotalMilliseconds);

    public void DisarmWrite() => Volatile.Write(ref _writeDeadline, long.MaxValue);

    /// <summary>Which deadline has passed at <paramref name="now"/>, if any.</summary>
    public string? Expired(long now) =>
        now > Volatile.Read(ref _readDeadline) ? _readReason
        : now > Volatile.Read(ref _writeDeadline) ? "the peer did not read its replies in time"
        : null;
}
