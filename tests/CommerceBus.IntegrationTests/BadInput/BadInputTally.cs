using System.Collections.Concurrent;
using System.Text;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// What one adapter's run did with its cases: per category how many were sent, refused with a clear error and
/// accepted (a mutation that stayed valid), the order numbers of the accepted ones, and every case that broke a rule.
/// </summary>
public sealed class BadInputTally(string adapter)
{
    private readonly ConcurrentDictionary<string, int[]> _counts = new();
    private readonly ConcurrentQueue<string> _failures = new();

    public string Adapter { get; } = adapter;

    /// <summary>The test process's live managed heap when the run began (after a full collection): the baseline of <see cref="HubAfterBadInput.AssertBoundedMemory"/>.</summary>
    public long LiveHeapAtStart { get; } = GC.GetTotalMemory(forceFullCollection: true);

    /// <summary>The order numbers the hub said it accepted.</summary>
    public ConcurrentDictionary<string, string> AcceptedOrders { get; } = new();

    public int Total => _counts.Values.Sum(c => c[0]);

    public IReadOnlyCollection<string> Failures => _failures;

    public void Refused(BadInputCase c) => Count(c, 1);

    public void Accepted(BadInputCase c, string orderNumber)
    {
        Count(c, 2);
        AcceptedOrders[orderNumber] = c.ToString();
    }

    public void Failed(BadInputCase c, string problem)
    {
        Count(c, 0);
        _failures.Enqueue($"{c}: {problem}");
    }

    /// <summary>The table printed in the test output (and copied into docs/testing.md).</summary>
    public string Table()
    {
        var text = new StringBuilder($"Bad-input suite, {Adapter}: {Total} cases, {BadInputSeed.Reproduce(Adapter)}\n");
        text.AppendLine("| Category | Cases | Refused | Accepted (still valid) |").AppendLine("|---|---:|---:|---:|");
        foreach (var (category, c) in _counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"| {category} | {c[0]} | {c[1]} | {c[2]} |");
        }

        var structural = AcceptedOrders.Values.Where(c => !ByteLevel.Any(b => c.Contains($" {b}/", StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
        if (structural.Count > 0)
        {
            text.AppendLine($"Structural mutations that stayed valid and were accepted: {string.Join("; ", structural)}");
        }

        return text.ToString();
    }

    private static readonly string[] ByteLevel = ["byte-flip", "truncated", "invalid-utf8", "random-bytes"];

    private void Count(BadInputCase c, int outcome)
    {
        var counts = _counts.GetOrAdd(c.Category, _ => new int[3]);
        Interlocked.Increment(ref counts[0]);
        if (outcome > 0)
        {
            Interlocked.Increment(ref counts[outcome]);
        }
    }
}
