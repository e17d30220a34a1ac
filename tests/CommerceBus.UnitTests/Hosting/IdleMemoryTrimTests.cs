using CommerceBus.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CommerceBus.UnitTests.Hosting;

/// <summary>
/// The idle trim runs once per idle period and arms no timer while nothing happens: an idle hub does no work. Driven by
/// a clock whose timers fire only when it is advanced.
/// </summary>
public sealed class IdleMemoryTrimTests
{
    private static readonly TimeSpan IdleFor = TimeSpan.FromSeconds(10);

    [Fact]
    public void After_work_it_trims_once_when_the_wait_has_passed_and_then_arms_nothing_until_the_next_work()
    {
        var clock = new ManualClock();
        using var trim = Trim(clock, "00:00:10");

        trim.Touch();
        Allocate();
        clock.Advance(IdleFor - TimeSpan.FromSeconds(1));
        Assert.Equal(0, trim.Trims);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, trim.Trims);
        Assert.False(clock.TimerArmed, "after the trim no timer may be armed until work arrives: an idle hub does no work");

        // Idle for a long time: nothing fires again.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, trim.Trims);

        trim.Touch();
        Assert.True(clock.TimerArmed, "new work arms the timer again");
        Allocate();
        clock.Advance(IdleFor);
        Assert.Equal(2, trim.Trims);
    }

    [Fact]
    public void Work_during_the_wait_moves_the_trim_to_the_wait_after_the_last_work()
    {
        var clock = new ManualClock();
        using var trim = Trim(clock, "00:00:10");

        trim.Touch();
        Allocate();
        clock.Advance(TimeSpan.FromSeconds(6));
        trim.Touch();
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, trim.Trims);
        Assert.True(clock.TimerArmed, "the timer re-arms itself for the rest of the wait after the last work");

        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, trim.Trims);
        Assert.False(clock.TimerArmed);
    }

    [Fact]
    public void A_hub_that_allocated_little_since_the_last_trim_is_not_collected_again()
    {
        var clock = new ManualClock();
        using var trim = Trim(clock, "00:00:10");
        trim.Touch();
        Allocate();
        clock.Advance(IdleFor);
        Assert.Equal(1, trim.Trims);

        // A scrape or a health probe: a request that allocates next to nothing.
        trim.Touch();
        clock.Advance(IdleFor);
        Assert.Equal(1, trim.Trims);
        Assert.False(clock.TimerArmed);
    }

    [Fact]
    public void Zero_turns_it_off_and_a_negative_wait_is_refused()
    {
        var clock = new ManualClock();
        using var trim = Trim(clock, "00:00:00");
        trim.Touch();
        Assert.False(clock.TimerArmed);
        Assert.Equal(TimeSpan.Zero, trim.IdleFor);

        var refused = Assert.Throws<InvalidOperationException>(() => Trim(clock, "-00:00:01"));
        Assert.Contains(IdleMemoryTrim.Setting, refused.Message, StringComparison.Ordinal);
    }

    private long _allocated;

    private IdleMemoryTrim Trim(ManualClock clock, string idleFor) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [IdleMemoryTrim.Setting] = idleFor }).Build(),
            clock, NullLogger<IdleMemoryTrim>.Instance)
        {
            // The process's own count would move with every other test running beside this one.
            AllocatedBytes = () => _allocated,
            Collect = () => { },
        };

    // More than the trim's minimum (8 MB) allocated since the last trim: the hub did real work.
    private void Allocate() => _allocated += 9 * 1024 * 1024;

    /// <summary>A clock whose time and one-shot timers move only in <see cref="Advance"/>.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private readonly List<ManualTimer> _timers = [];
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public bool TimerArmed => _timers.Any(t => t.Due is not null);

        public override long GetTimestamp() => _ticks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            _timers.Add(timer);
            timer.Change(dueTime, period);
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            var until = _ticks + by.Ticks;
            while (_timers.Where(t => t.Due <= until).OrderBy(t => t.Due).FirstOrDefault() is { } next)
            {
                _ticks = next.Due!.Value;
                next.Due = null;
                next.Fire();
            }

            _ticks = until;
        }

        private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
        {
            public long? Due { get; set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                Assert.Equal(Timeout.InfiniteTimeSpan, period);
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._ticks + dueTime.Ticks;
                return true;
            }

            public void Fire() => callback(state);

            public void Dispose() => Due = null;

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
