using System.Globalization;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Bus;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;
using CommerceBus.Routing;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Dispatch;

/// <summary>
/// Takes the commands a module's process (the order flow) publishes, asks the router where each goes, delivers it there
/// and publishes the endpoints' replies back to the process. A route with no endpoints means the step is not needed: the
/// process hears the reply its module gave for that (<see cref="RoutedCommandShape{TCommand}.Skipped"/>).
/// </summary>
/// <remarks>
/// Recoverability is per endpoint, although one queue serves them all: each endpoint of the route is tried with its own
/// <see cref="RetryPolicy"/> of the topology in force (immediate retries here, then delayed redeliveries through the scheduler that name only
/// that endpoint), and what still fails is parked in the failed-message store. An endpoint of the route that succeeded
/// is not delivered to again by the redeliveries of another one.
/// </remarks>
public sealed partial class RoutedCommandConsumer<TCommand>(
    RoutedCommandShape<TCommand> shape,
    IMessageRouter router,
    EndpointDispatcher dispatcher,
    EndpointTopology topology,
    DelayedRedelivery redelivery,
    FailedMessageStore failedMessages,
    JournalWriter journal,
    TimeProvider clock,
    ILogger<RoutedCommandConsumer<TCommand>> logger) : IConsumer<TCommand>
    where TCommand : class
{
    public async Task Consume(ConsumeContext<TCommand> context)
    {
        var command = context.Message;
        var envelope = BusEnvelope.FromConsumeContext(context, command, clock);
        var decision = RouteDecisionMeter.Record(router.Route(new RoutableMessage(envelope.MessageType, envelope.Headers, CanonicalJson.ToElement(command))));
        var targeted = RedeliveryHeaders.EndpointOf(context.Headers);
        if (targeted is null && decision.Unroutable)
        {
            throw new UnroutableMessageException(
                $"No route takes {envelope.MessageType} for {shape.KeyOf(command)}; add a rule or a default route to CommerceBus:Routing.");
        }

        if (targeted is null && decision.Endpoints.Count == 0)
        {
            await SkipAsync(context, envelope, decision);
            return;
        }

        var request = new DispatchRequest(command, envelope, decision, shape.InstanceOf(command), shape.KeyOf(command));
        foreach (var endpoint in targeted is null ? decision.Endpoints : [targeted])
        {
            var history = targeted is null ? [] : RedeliveryHeaders.AttemptsOf(context.Headers);
            if (await DeliverWithRetriesAsync(context, request, endpoint, history) is { } reply)
            {
                // MassTransit carries the consumed message's headers over to what it publishes: the reply must not
                // take this command's redelivery headers along (the flow's next command would go to this endpoint).
                await context.Publish(reply, reply.GetType(), RedeliveryHeaders.Strip, context.CancellationToken);
            }
        }
    }

    private async Task<object?> DeliverWithRetriesAsync(ConsumeContext<TCommand> context, DispatchRequest request, string endpoint, List<DeliveryAttempt> attempts)
    {
        var policy = topology.Current.Retries.For(endpoint);
        var round = RedeliveryHeaders.EndpointOf(context.Headers) is null ? 0 : RedeliveryHeaders.RoundOf(context.Headers);
        Exception? last = null;
        for (var attempt = 0; attempt < policy.AttemptsPerRound; attempt++)
        {
            try
            {
                return await dispatcher.DeliverAsync(request, endpoint, context.CancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                last = ex;
                attempts.Add(new DeliveryAttempt(clock.GetUtcNow().UtcDateTime, endpoint, round, ex.GetType().FullName ?? ex.GetType().Name, ex.Message));
                if (attempt + 1 < policy.AttemptsPerRound)
                {
                    HubTelemetry.DeliveryRetries.Add(1, new(HubAttributes.Labels.Endpoint, endpoint), new(HubAttributes.Labels.Kind, "immediate"));
                }
            }
        }

        var next = policy.AfterFailedRound(round);
        if (next.Redeliver)
        {
            // Journaled before it is scheduled, so no redelivery waits in the scheduler unseen: while this is the newest
            // entry of the endpoint's chain, the stalled-order re-drive knows the chain is alive and starts no second one.
            await journal.RecordAsync(
                JournalEntryFactory.Create(
                    request.Envelope,
                    JournalDirection.Outbound,
                    JournalOutcomes.Redelivering,
                    clock.GetUtcNow().UtcDateTime,
                    orderNumber: request.Key,
                    trackingId: request.InstanceId,
                    route: string.Join(",", request.Route.Routes),
                    destination: endpoint,
                    detail: $"{attempts.Count} attempt(s) failed; redelivery round {next.NextRound} in {next.Delay}"),
                CancellationToken.None);
            redelivery.Schedule(context, endpoint, next, attempts);
            HubTelemetry.DeliveryRetries.Add(1, new(HubAttributes.Labels.Endpoint, endpoint), new(HubAttributes.Labels.Kind, "delayed"));
            LogRedeliveryScheduled(logger, request.Envelope.MessageType, request.Key, endpoint, next.Delay, next.NextRound);
            return null;
        }

        var headers = context.Headers.GetAll()
            .Where(h => h.Value is not null && !RedeliveryHeaders.All.Contains(h.Key) && !h.Key.StartsWith("MT-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => Convert.ToString(h.Value, CultureInfo.InvariantCulture) ?? "");
        var id = await failedMessages.RecordAsync(
            new FailedDelivery(
                request.Command,
                request.Envelope,
                headers,
                endpoint,
                string.Join(",", request.Route.Routes),
                request.Key,
                request.InstanceId,
                attempts,
                last!,
                RedeliveryHeaders.ReplayOfId(context.Headers)),
            context.CancellationToken);
        LogParked(logger, request.Envelope.MessageType, request.Key, endpoint, attempts.Count, id);
        return null;
    }

    private async Task SkipAsync(ConsumeContext<TCommand> context, Contracts.Envelope.MessageEnvelope envelope, RouteDecision decision)
    {
        var command = context.Message;
        var route = string.Join(",", decision.Routes);
        await journal.RecordAsync(
            JournalEntryFactory.Create(
                envelope,
                JournalDirection.Outbound,
                JournalOutcomes.Skipped,
                clock.GetUtcNow().UtcDateTime,
                orderNumber: shape.KeyOf(command),
                trackingId: shape.InstanceOf(command),
                route: route,
                detail: $"route '{route}' has no endpoints: the step is not needed"),
            context.CancellationToken);
        var skipped = shape.Skipped(command, new SkippedRoute(envelope.MessageType, route));
        await context.Publish(skipped, skipped.GetType(), context.CancellationToken);
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Warning, Message = "{MessageType} for order {OrderNumber} failed at endpoint {Endpoint}; redelivering in {Delay} (round {Round})")]
    private static partial void LogRedeliveryScheduled(ILogger logger, string messageType, string? orderNumber, string endpoint, TimeSpan delay, int round);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Error, Message = "{MessageType} for order {OrderNumber} failed at endpoint {Endpoint} after {Attempts} attempts; parked as failed message {FailedMessageId} (replay it at /api/failed-messages)")]
    private static partial void LogParked(ILogger logger, string messageType, string? orderNumber, string endpoint, int attempts, long failedMessageId);
}
