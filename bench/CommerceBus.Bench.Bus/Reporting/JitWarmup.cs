using System.Runtime;

namespace CommerceBus.Bench.Bus.Reporting;

/// <summary>
/// Warms a scenario up until the JIT has settled: rounds of the scenario's own work, not measured, until one round
/// compiles fewer than <see cref="SettledBelow"/> methods. A fixed warm-up of a few hundred messages ends while the
/// runtime is still compiling the hot path again at tier 1 (call counting starts only after a quiet 100 ms, and the
/// recompiles run on a background thread of this same process), so the measured part would carry the JIT's CPU: in the
/// profiles of issue 21 the JIT thread was about a fifth of the process's CPU during a hop measured after 200 messages.
/// </summary>
internal static class JitWarmup
{
    /// <summary>A round that compiles fewer methods than this counts as settled (timers and rare paths still compile a few).</summary>
    public const int SettledBelow = 50;

    /// <summary>
    /// At most this many rounds: a scenario that never settles is measured anyway, and the progress line says so. The
    /// REST intake's short rounds (under a second) needed more than 8 while the tier-1 recompiles of ASP.NET Core's and
    /// EF Core's paths drained, a few hundred methods a round, none of them compiled per request.
    /// </summary>
    public const int MaxRounds = 40;

    /// <summary>Runs <paramref name="round"/> until the JIT settles or <see cref="MaxRounds"/> rounds have run.</summary>
    public static async Task UntilSettledAsync(string what, Func<Task> round)
    {
        for (var i = 1; ; i++)
        {
            var before = JitInfo.GetCompiledMethodCount();
            await round();
            var compiled = JitInfo.GetCompiledMethodCount() - before;
            if (compiled < SettledBelow)
            {
                Progress.Say($"{what}: warm-up settled after {i} round(s) (last round compiled {compiled} methods)");
                return;
            }

            if (i == MaxRounds)
            {
                Progress.Say($"{what}: warm-up not settled after {i} rounds (last round compiled {compiled} methods); measuring anyway");
                return;
            }
        }
    }
}
