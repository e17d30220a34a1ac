using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Core.Dispatch.Recoverability;

/// <summary>
/// The retry policy of every endpoint, from <c>CommerceBus:Endpoints:{name}:Retries</c> (<c>Immediate</c>, <c>Delayed</c>),
/// falling back to <see cref="RetryPolicy.Default"/>. The topology reads them with the endpoints (<c>TopologySnapshot.Retries</c>),
/// so a reload swaps an endpoint's policy together with its connector and routes; a bad value fails the start, or
/// refuses the reload, naming it.
/// </summary>
public sealed class RetryPolicies
{
    /// <summary>More immediate retries than this only hammer an endpoint that is down; use delayed ones instead.</summary>
    public const int MaxImmediate = 10;

    /// <summary>The longest single delay: Hangfire keeps the redelivery, but an order should not wait longer than a day.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private readonly Dictionary<string, RetryPolicy> _policies;

    /// <exception cref="InvalidOperationException">A retry setting is not usable; the message names every one.</exception>
    public RetryPolicies(IConfiguration commerceBusSection)
    {
        var problems = new List<string>();
        _policies = ReadAll(commerceBusSection, problems);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The retry configuration is not usable:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems));
        }
    }

    private RetryPolicies(Dictionary<string, RetryPolicy> policies) => _policies = policies;

    /// <summary>The policies of the endpoints under <c>Endpoints</c>; what is not usable is added to <paramref name="problems"/>.</summary>
    public static RetryPolicies Read(IConfiguration commerceBusSection, List<string> problems) => new(ReadAll(commerceBusSection, problems));

    private static Dictionary<string, RetryPolicy> ReadAll(IConfiguration commerceBusSection, List<string> problems)
    {
        var policies = new Dictionary<string, RetryPolicy>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in commerceBusSection.GetSection("Endpoints").GetChildren())
        {
            var retries = endpoint.GetSection("Retries");
            if (retries.Exists())
            {
                policies[endpoint.Key] = Read(retries, problems);
            }
        }

        return policies;
    }

    /// <summary>The policy of <paramref name="endpoint"/>: its own, or the default.</summary>
    public RetryPolicy For(string endpoint) => _policies.GetValueOrDefault(endpoint) ?? RetryPolicy.Default;

    private static RetryPolicy Read(IConfigurationSection retries, List<string> problems)
    {
        var policy = RetryPolicy.Default;
        if (retries["Immediate"] is { } immediateText)
        {
            if (int.TryParse(immediateText, NumberStyles.None, CultureInfo.InvariantCulture, out var immediate) && immediate <= MaxImmediate)
            {
                policy = policy with { Immediate = immediate };
            }
            else
            {
                problems.Add($"{retries.Path}:Immediate '{immediateText}' must be a whole number from 0 to {MaxImmediate}");
            }
        }

        var delayed = retries.GetSection("Delayed");
        if (delayed.Value is not null && delayed.Value.Length > 0)
        {
            problems.Add($"{delayed.Path} must be a list of intervals (e.g. [\"00:00:10\", \"00:00:30\"]), not '{delayed.Value}'");
        }
        else if (delayed.GetChildren().Any() || delayed.Value is "")
        {
            var intervals = new List<TimeSpan>();
            foreach (var item in delayed.GetChildren())
            {
                if (TimeSpan.TryParse(item.Value, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero && interval <= MaxDelay)
                {
                    intervals.Add(interval);
                }
                else
                {
                    problems.Add($"{item.Path} '{item.Value}' must be an interval above 00:00:00 and at most 1.00:00:00 (hh:mm:ss)");
                }
            }

            policy = policy with { Delayed = intervals };
        }

        return policy;
    }
}
