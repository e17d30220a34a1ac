namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>The system clock moved by a fixed offset: a hub that starts "later" than the one before it.</summary>
public sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
