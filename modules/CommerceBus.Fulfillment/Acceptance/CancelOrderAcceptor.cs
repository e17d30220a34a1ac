using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Pipeline;
using CommerceBus.Fulfillment.Orders;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Fulfillment.Acceptance;

/// <summary>
/// Takes a cancel request on while the order has not shipped. The request is stored on the order's saga row, so it
/// survives a restart; a repeated request gets the first answer again.
/// </summary>
/// <remarks>
/// The request is written by one conditional statement that also bumps the saga's version: a saga transition that loaded
/// the row before is refused at its own write and applied again to the row as it now is, so neither side overwrites the
/// other. It is committed at once, ahead of the journal: if the hub stops in between, recovery hands the cancel to the
/// saga (a cancel on the row the saga has not seen).
/// </remarks>
internal sealed class CancelOrderAcceptor(TimeProvider clock) : ICommandAcceptor
{
    private static readonly string[] Cancellable = [.. Enum.GetValues<OrderStatus>().Where(s => s.CanBeCancelled()).Select(s => s.ToString())];

    public Type CommandType => typeof(CancelOrder);

    // The conditional update below commits at once: the inbox must have refused a repeated message id before it runs.
    public bool WritesAheadOfCommit => true;

    public async Task AcceptAsync(InboundContext context)
    {
        var cancel = (CancelOrder)context.Command;
        var number = cancel.OrderNumber!;
        context.OrderNumber = number;

        var order = await FindAsync(context, number);
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

        context.TrackingId = order.CorrelationId;
        var reason = string.IsNullOrWhiteSpace(cancel.Reason) ? "cancelled on request" : cancel.Reason;
        var now = clock.GetUtcNow().UtcDateTime;
        var taken = await context.Db.OrderSagas
            .Where(s => s.CorrelationId == order.CorrelationId && s.CancelRequestedAt == null && Cancellable.Contains(s.Status))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.CancelRequestedAt, now)
                    .SetProperty(s => s.CancelReason, reason)
                    .SetProperty(s => s.Version, s => s.Version + 1),
                context.CancellationToken);
        if (taken == 1)
        {
            context.ShouldDispatch = true;
            context.Result = Answer(InboundOutcome.Accepted, order, $"Cancellation of order {number} accepted.");
            return;
        }

        // Refused: read again, the saga may have moved since the first read.
        order = (await FindAsync(context, number))!;
        var status = Enum.Parse<OrderStatus>(order.Status);
        context.Result = order.CancelRequestedAt is not null || status == OrderStatus.Cancelled
            ? Answer(InboundOutcome.Duplicate, order, $"Cancellation of order {number} was already requested.")
            : Answer(InboundOutcome.Conflict, order, $"Order {number} is {order.Status} and can no longer be cancelled.");
    }

    private static Task<OrderSagaRecord?> FindAsync(InboundContext context, string number) =>
        context.Db.OrderSagas.AsNoTracking().FirstOrDefaultAsync(s => s.OrderNumber == number, context.CancellationToken);

    private static InboundResult Answer(InboundOutcome outcome, OrderSagaRecord order, string detail) => new()
    {
        Outcome = outcome,
        OrderNumber = order.OrderNumber,
        TrackingId = order.CorrelationId,
        Status = order.Status,
        Detail = detail,
    };
}
