using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Journal;

namespace CommerceBus.Core.Dispatch;

/// <summary>
/// Delivers a routed command to each endpoint of its route through that endpoint's connector, journals every delivery
/// (route, destination, outcome, timing) and returns the replies of request-reply endpoints.
/// </summary>
/// <remarks>
/// A delivery that throws is journaled as failed and the exception goes to the caller, whose retry policy delivers the
/// command again; the idempotency key is the same every time, so an endpoint that already applied it does not again.
/// </remarks>
public sealed class EndpointDispatcher(EndpointTopology topology, JournalWriter journal, TimeProvider clock)
{
    public async Task<IReadOnlyList<object>> DispatchAsync(DispatchRequest request, CancellationToken cancellationToken)
    {
        var replies = new List<object>();
        foreach (var endpoint in request.Route.Endpoints)
        {
            if (await DeliverAsync(request, endpoint, cancellationToken) is { } reply)
            {
                replies.Add(reply);
            }
        }

        return replies;
    }

    /// <summary>Delivers the command to one endpoint of its route, once; journals the attempt and returns the reply, if any.</summary>
    public async Task<object?> DeliverAsync(DispatchRequest request, string endpoint, CancellationToken cancellationToken)
    {
        var route = string.Join(",", request.Route.Routes);
        var message = new OutboundMessage
        {
            Endpoint = endpoint,
            Command = request.Command,
            Envelope = request.Envelope,
            InstanceId = request.InstanceId,
            IdempotencyKey = $"{request.InstanceId?.ToString() ?? request.Envelope.MessageId.ToString()}:{request.Envelope.MessageType}",
        };

        using var activity = HubTelemetry.Start($"deliver {endpoint}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(HubAttributes.Endpoint, endpoint);
            activity.SetTag(HubAttributes.Route, route);
            activity.SetTag(HubAttributes.MessageType, request.Envelope.MessageType);
            activity.SetTag(HubAttributes.OrderNumber, request.Key);
        }

        var started = Stopwatch.GetTimestamp();
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        DeliveryResult result;
        try
        {
            // The lease keeps the connector open for this delivery even if a reload removes the endpoint meanwhile.
            await using var lease = topology.Lease(endpoint);
            result = await lease.Connector.DeliverAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Measure(activity, endpoint, JournalOutcomes.Failed, started);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            await journal.RecordAsync(Entry(request, route, endpoint, JournalOutcomes.Failed, $"{ex.GetType().Name}: {ex.Message}", receivedAt, started), CancellationToken.None);
            throw;
        }

        Measure(activity, endpoint, JournalOutcomes.Delivered, started);

        var detail = result.Reply is { } reply ? $"replied {reply.GetType().Name}{(result.Detail is null ? "" : ": " + result.Detail)}" : result.Detail;
        await journal.RecordAsync(Entry(request, route, endpoint, JournalOutcomes.Delivered, detail, receivedAt, started), cancellationToken);
        return result.Reply;
    }

    private JournalEntry Entry(DispatchRequest request, string route, string endpoint, string outcome, string? detail, DateTime receivedAt, long started) =>
        JournalEntryFactory.Create(
            request.Envelope,
            JournalDirection.Outbound,
            outcome,
            clock.GetUtcNow().UtcDateTime,
            orderNumber: request.Key,
            trackingId: request.InstanceId,
            route: route,
            destination: endpoint,
            detail: detail,
            receivedAt: receivedAt,
            duration: Stopwatch.GetElapsedTime(started));

    private static void Measure(Activity? activity, string endpoint, string outcome, long started)
    {
        activity?.SetTag(HubAttributes.Outcome, outcome);
        var endpointLabel = new KeyValuePair<string, object?>(HubAttributes.Labels.Endpoint, endpoint);
        var outcomeLabel = new KeyValuePair<string, object?>(HubAttributes.Labels.Outcome, outcome);
        HubTelemetry.Deliveries.Add(1, endpointLabel, outcomeLabel);
        HubTelemetry.DeliveryDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, endpointLabel, outcomeLabel);
    }
}
