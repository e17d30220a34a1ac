using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Orders;

/// <summary>
/// Takes a cancel request on while the order has not shipped. The request is stored on the order, so it survives a
/// restart; a repeated request gets the first answer again.
/// </summary>
internal sealed class CancelOrderAcceptor(TimeProvider clock) : ICommandAcceptor
{
    public Type CommandType => typeof(CancelOrder);

    public async Task AcceptAsync(InboundContext context)
    {
        var cancel = (CancelOrder)context.Command;
        var number = cancel.OrderNumber!;
        context.OrderNumber = number;

        var order = await context.Db.Orders.FirstOrDefaultAsync(o => o.OrderNumber == number, context.CancellationToken);
        if (order is null)
        {
            context.Result = new InboundResult
            {
                Outcome = InboundOutcome.NotFound,
                OrderNumber = number,
                Detail = $"Order {number} is not known to the hub.",
            };
            return;
        }

        context.TrackingId = order.TrackingId;
        var status = Enum.Parse<OrderStatus>(order.Status);
        if (order.CancelRequestedAt is not null || status == OrderStatus.Cancelled)
        {
            context.Result = Answer(InboundOutcome.Duplicate, order, $"Cancellation of order {number} was already requested.");
            return;
        }

        if (!status.CanBeCancelled())
        {
            context.Result = Answer(InboundOutcome.Conflict, order, $"Order {number} is {order.Status} and can no longer be cancelled.");
            return;
        }

        order.CancelRequestedAt = clock.GetUtcNow().UtcDateTime;
        order.CancelReason = string.IsNullOrWhiteSpace(cancel.Reason) ? "cancelled on request" : cancel.Reason;
        context.ShouldDispatch = true;
        context.Result = Answer(InboundOutcome.Accepted, order, $"Cancellation of order {number} accepted.");
    }

    private static InboundResult Answer(InboundOutcome outcome, OrderRecord order, string detail) => new()
    {
        Outcome = outcome,
        OrderNumber = order.OrderNumber,
        TrackingId = order.TrackingId,
        Status = order.Status,
        Detail = detail,
    };
}
