namespace CommerceBus.UnitTests;

/// <summary>A clock that moves only when told, a second at a time, from 2026-12-02 02:00:00Z.</summary>
internal sealed class SteppingClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public DateTimeOffset Step() => _now = _now.AddSeconds(1);
}
