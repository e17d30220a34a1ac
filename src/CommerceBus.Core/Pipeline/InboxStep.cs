using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core.Journal;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// The hub's inbox: a message id the client gave (AMQP <c>message_id</c>) that was accepted before is not applied
/// again, whatever the message now says; it gets a duplicate answer naming what the first one did.
/// </summary>
/// <remarks>
/// Only client-given ids count: the hub's own ids are fresh for every request. The order number already makes a
/// re-sent order and a repeated cancel idempotent; this makes the message id itself processed at most once, so a
/// redelivered message with the same id never becomes a second command. It runs inside the journal step's transaction,
/// and the journal is the inbox: the accepted entry of the first delivery is committed with its effects.
/// </remarks>
internal sealed class InboxStep : IInboundStep
{
    public async Task InvokeAsync(InboundContext context, InboundStepDelegate next)
    {
        if (context.Message.MessageId is not { } messageId)
        {
            await next(context);
            return;
        }

        var first = await context.Db.Journal.AsNoTracking()
            .Where(e => e.MessageId == messageId && e.Direction == JournalDirection.Inbound && e.Outcome == JournalOutcomes.Accepted)
            .OrderBy(e => e.Id)
            .Select(e => new { e.OrderNumber, e.TrackingId, e.MessageType })
            .FirstOrDefaultAsync(context.CancellationToken);
        if (first is null)
        {
            await next(context);
            return;
        }

        var status = first.OrderNumber is null
            ? null
            : await context.Db.Orders.AsNoTracking().Where(o => o.OrderNumber == first.OrderNumber).Select(o => o.Status).FirstOrDefaultAsync(context.CancellationToken);
        context.OrderNumber = first.OrderNumber;
        context.TrackingId = first.TrackingId;
        context.Result = new InboundResult
        {
            Outcome = InboundOutcome.Duplicate,
            OrderNumber = first.OrderNumber,
            TrackingId = first.TrackingId,
            Status = status,
            Detail = $"Message {messageId} was already accepted ({first.MessageType} for order {first.OrderNumber}); it is not applied again.",
        };
    }
}
