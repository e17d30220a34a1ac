using System.Globalization;
using System.Text.Json;
using MassTransit;

namespace CommerceBus.Core.Dispatch.Recoverability;

/// <summary>
/// The headers a redelivered routed command carries: the one endpoint it is for (the others of its route already
/// have it), the round it is in and the attempts so far, so the history survives the trip through the scheduler.
/// </summary>
public static class RedeliveryHeaders
{
    public const string Endpoint = "CommerceBus-Redelivery-Endpoint";
    public const string Round = "CommerceBus-Redelivery-Round";
    public const string Attempts = "CommerceBus-Redelivery-Attempts";

    /// <summary>On a replay from the failed-message store: the id of the failed message it replays.</summary>
    public const string ReplayOf = "CommerceBus-Replay-Of";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Endpoint, Round, Attempts, ReplayOf };

    public static string? EndpointOf(Headers headers) => headers.Get<string>(Endpoint);

    public static int RoundOf(Headers headers) =>
        int.TryParse(headers.Get<string>(Round), NumberStyles.None, CultureInfo.InvariantCulture, out var round) ? round : 0;

    public static long? ReplayOfId(Headers headers) =>
        long.TryParse(headers.Get<string>(ReplayOf), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static List<DeliveryAttempt> AttemptsOf(Headers headers)
    {
        if (headers.Get<string>(Attempts) is not { Length: > 0 } json)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<DeliveryAttempt>>(json) ?? [];
        }
        catch (JsonException)
        {
            // A history we cannot read is not a reason to lose the message; it starts afresh.
            return [];
        }
    }

    /// <summary>Removes the redelivery headers from a message about to be sent (a pipe for <c>Publish</c>/<c>Send</c>).</summary>
    public static void Strip(SendContext context)
    {
        foreach (var header in All)
        {
            context.Headers.Set(header, null);
        }
    }

    public static string Serialize(IEnumerable<DeliveryAttempt> attempts) => JsonSerializer.Serialize(attempts);
}
