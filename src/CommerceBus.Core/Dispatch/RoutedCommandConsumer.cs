using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Bus;
using CommerceBus.Core.Journal;
using CommerceBus.Core.Routing;
using MassTransit;

namespace CommerceBus.Core.Dispatch;

/// <summary>
/// Takes the commands the order flow publishes, asks the router where each goes, delivers it there and publishes the
/// endpoints' replies back to the flow. A route with no endpoints means the step is not needed: the flow hears
/// <see cref="StepSkipped"/>.
/// </summary>
public sealed class RoutedCommandConsumer<TCommand>(
    IMessageRouter router,
    EndpointDispatcher dispatcher,
    JournalWriter journal,
    TimeProvider clock) : IConsumer<TCommand>
    where TCommand : class, IOrderMessage
{
    public async Task Consume(ConsumeContext<TCommand> context)
    {
        var command = context.Message;
        var envelope = BusEnvelope.FromConsumeContext(context, command, clock);
        var decision = router.Route(new RoutableMessage(envelope.MessageType, envelope.Headers, CanonicalJson.ToElement(command)));
        if (decision.Unroutable)
        {
            throw new UnroutableMessageException(
                $"No route takes {envelope.MessageType} for order {command.OrderNumber}; add a rule or a default route to CommerceBus:Routing.");
        }

        if (decision.Endpoints.Count == 0)
        {
            var route = string.Join(",", decision.Routes);
            await journal.RecordAsync(new JournalEntry
            {
                MessageId = envelope.MessageId,
                CorrelationId = envelope.CorrelationId,
                CausationId = envelope.CausationId,
                SourceAdapter = envelope.SourceAdapter,
                MessageType = envelope.MessageType,
                Direction = JournalDirection.Outbound,
                OrderNumber = command.OrderNumber,
                TrackingId = command.TrackingId,
                Route = route,
                Outcome = JournalOutcomes.Skipped,
                Detail = $"route '{route}' has no endpoints: the step is not needed",
                ReceivedAt = envelope.ReceivedAt.UtcDateTime,
                CompletedAt = clock.GetUtcNow().UtcDateTime,
            }, context.CancellationToken);
            await context.Publish(new StepSkipped(command.TrackingId, command.OrderNumber, envelope.MessageType, route), context.CancellationToken);
            return;
        }

        var replies = await dispatcher.DispatchAsync(new DispatchRequest(command, envelope, decision, command.TrackingId), context.CancellationToken);
        foreach (var reply in replies)
        {
            await context.Publish(reply, reply.GetType(), context.CancellationToken);
        }
    }
}
