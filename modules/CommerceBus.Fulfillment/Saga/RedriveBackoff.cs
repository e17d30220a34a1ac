namespace CommerceBus.Fulfillment.Saga;

/// <summary>
/// How long a saga that made no progress waits for its next re-drive: <c>first</c> after its last progress, then twice
/// as long after each re-drive, never longer than <c>limit</c>.
/// </summary>
public static class RedriveBackoff
{
    /// <summary>The wait after the <paramref name="redrives"/>-th re-drive (0: since the saga's last progress).</summary>
    public static TimeSpan After(int redrives, TimeSpan first, TimeSpan limit)
    {
        var cap = Math.Max(first.Ticks, limit.Ticks);
        var ticks = first.Ticks;
        for (var i = 0; i < redrives && ticks < cap; i++)
        {
            ticks = ticks > cap / 2 ? cap : ticks * 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, cap));
    }
}
