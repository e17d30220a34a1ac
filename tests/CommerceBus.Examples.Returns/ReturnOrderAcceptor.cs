using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core.Pipeline;

namespace CommerceBus.Examples.Returns;

/// <summary>
/// Takes a valid return on: the last step before the pipeline commits. It stores nothing of its own (the journal and
/// the inbox, committed by the pipeline, keep the request), gives the return a tracking id and asks for it to be
/// delivered to the endpoints its route names once committed.
/// </summary>
internal sealed class ReturnOrderAcceptor : ICommandAcceptor
{
    public Type CommandType => typeof(ReturnOrder);

    public Task AcceptAsync(InboundContext context)
    {
        var command = (ReturnOrder)context.Command;
        var trackingId = Guid.NewGuid();
        context.OrderNumber = command.OrderNumber;
        context.TrackingId = trackingId;
        context.ShouldDispatch = true;
        context.Result = new InboundResult
        {
            Outcome = InboundOutcome.Accepted,
            OrderNumber = command.OrderNumber,
            TrackingId = trackingId,
            Detail = $"Return of {command.Quantity} x {command.Sku} for order {command.OrderNumber} accepted.",
        };
        return Task.CompletedTask;
    }
}
