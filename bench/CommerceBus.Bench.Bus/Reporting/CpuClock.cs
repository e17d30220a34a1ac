using System.Diagnostics;

namespace CommerceBus.Bench.Bus.Reporting;

/// <summary>
/// CPU time this process used since the clock started: on a machine shared with other work, CPU per message is the
/// steadier measure beside messages per second, which also counts the time the process waited for a core.
/// </summary>
internal sealed class CpuClock
{
    private readonly TimeSpan _started = Now();

    public static CpuClock Start() => new();

    /// <summary>Milliseconds of CPU per unit of work since the start.</summary>
    public double MillisecondsPer(long units) => (Now() - _started).TotalMilliseconds / Math.Max(1, units);

    private static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
