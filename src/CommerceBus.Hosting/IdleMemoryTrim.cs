using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Hosting;

/// <summary>
/// Gives the memory the GC heap no longer needs back to the system once the hub goes idle: one compacting collection
/// that decommits what it frees (<see cref="GCCollectionMode.Aggressive"/>) when no HTTP request and no bus message has
/// started or finished for <c>CommerceBus:Memory:TrimWhenIdleFor</c> (issue 21 item 3, idle memory).
/// </summary>
/// <remarks>
/// <para>
/// Why: a hub that handled work keeps the GC heap's gen0 budget and its freed regions committed for as long as it then
/// sits idle, because an idle process allocates nothing and so never collects again (about 20 MB of the embedded
/// default's working set; bench/README.md, "Idle memory (perf-idle2)").
/// </para>
/// <para>
/// An idle hub does no work: nothing here polls. The start and the end of each request and bus message call
/// <see cref="Touch"/>, which records the time (one timestamp) and arms a one-shot timer if none is armed. When it fires
/// it re-arms itself for the rest of the wait if something was touched meanwhile (at most once per wait under load),
/// otherwise it trims once and stays unarmed until the next request or message. A trim is skipped when the hub has
/// allocated less than <see cref="MinimumAllocated"/> since the last one (a scrape of /metrics, a health probe), so a
/// hub that is only watched is not collected after each look. The hub's start counts as work. Periodic duties (sweeps,
/// heartbeats, the scheduler's polling) do not touch it and so never re-arm it.
/// </para>
/// <para>Nothing durable is involved: a collection moves objects in memory, never a commit or a message.</para>
/// </remarks>
internal sealed partial class IdleMemoryTrim : IHostedService, IDisposable
{
    /// <summary>The setting, a time span; <c>00:00:00</c> turns the trim off.</summary>
    public const string Setting = "CommerceBus:Memory:TrimWhenIdleFor";

    private const long MinimumAllocated = 8 * 1024 * 1024;
    private static readonly TimeSpan DefaultIdleFor = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _clock;
    private readonly ILogger<IdleMemoryTrim> _logger;
    private readonly ITimer? _timer;
    private long _lastTouched;
    private int _armed;
    private long _allocatedAtLastTrim;

    public IdleMemoryTrim(IConfiguration configuration, TimeProvider clock, ILogger<IdleMemoryTrim> logger)
    {
        _clock = clock;
        _logger = logger;
        IdleFor = configuration.GetValue<TimeSpan?>(Setting) ?? DefaultIdleFor;
        if (IdleFor < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Setting} must not be negative (00:00:00 turns the idle trim off); it is {IdleFor}.");
        }

        _timer = IdleFor > TimeSpan.Zero ? clock.CreateTimer(static state => ((IdleMemoryTrim)state!).Elapsed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) : null;
    }

    /// <summary>How long the hub must have handled nothing before the trim; zero when it is off.</summary>
    public TimeSpan IdleFor { get; }

    /// <summary>How many trims ran.</summary>
    public int Trims { get; private set; }

    /// <summary>The bytes the process has allocated so far (tests give their own: other tests allocate too).</summary>
    internal Func<long> AllocatedBytes { get; init; } = static () => GC.GetTotalAllocatedBytes();

    /// <summary>The trim itself (tests count it instead of collecting the test process's heap).</summary>
    internal Action Collect { get; init; } = static () => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>Work started or finished now: the idle wait starts again.</summary>
    public void Touch()
    {
        if (_timer is null)
        {
            return;
        }

        Volatile.Write(ref _lastTouched, _clock.GetTimestamp());
        if (Volatile.Read(ref _armed) == 0 && Interlocked.CompareExchange(ref _armed, 1, 0) == 0)
        {
            _timer.Change(IdleFor, Timeout.InfiniteTimeSpan);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Start-up is the largest allocation a hub makes (models, pipes, the JIT's work): trim after it too.
        Touch();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    private void Elapsed()
    {
        var touched = Volatile.Read(ref _lastTouched);
        var idle = _clock.GetElapsedTime(touched);
        if (idle < IdleFor)
        {
            _timer!.Change(IdleFor - idle, Timeout.InfiniteTimeSpan);
            return;
        }

        Volatile.Write(ref _armed, 0);

        // Touched between the read above and the disarm: that Touch saw the timer armed and left it; arm it for it.
        if (Volatile.Read(ref _lastTouched) != touched && Interlocked.CompareExchange(ref _armed, 1, 0) == 0)
        {
            _timer!.Change(IdleFor, Timeout.InfiniteTimeSpan);
            return;
        }

        var allocated = AllocatedBytes();
        if (allocated - _allocatedAtLastTrim < MinimumAllocated)
        {
            return;
        }

        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var started = _clock.GetTimestamp();
        Collect();
        _allocatedAtLastTrim = AllocatedBytes();
        Trims++;
        LogTrimmed(_logger, IdleFor.TotalSeconds, before / 1048576.0, GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0, _clock.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(EventId = 9404, Level = LogLevel.Debug, Message = "Idle for {Seconds} s: the GC heap was compacted and its free memory returned ({BeforeMb:N1} MB committed before, {AfterMb:N1} MB after, {Milliseconds:N0} ms)")]
    private static partial void LogTrimmed(ILogger logger, double seconds, double beforeMb, double afterMb, double milliseconds);
}
