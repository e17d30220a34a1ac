using System.Diagnostics;

namespace CommerceBus.Conformance;

/// <summary>Polls with a deadline instead of sleeping: the flow behind an adapter is asynchronous.</summary>
public static class Eventually
{
    /// <summary>Generous, because the suite must pass on a loaded 2-core machine; a passing poll returns at once.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        var delay = TimeSpan.FromMilliseconds(20);
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0}s for {what}; last seen: {last?.ToString() ?? "null"}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    /// <summary>Waits until the adapter reports the order in one of <paramref name="statuses"/>.</summary>
    public static Task<string?> StatusAsync(IAdapterClient client, string orderNumber, params string[] statuses) =>
        MatchAsync(() => client.GetStatusAsync(orderNumber, CancellationToken.None), s => s is not null && statuses.Contains(s), $"order {orderNumber} to be {string.Join(" or ", statuses)}");
}
