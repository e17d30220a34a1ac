using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core.Journal;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// The hub's inbox: a message id the client gave (AMQP <c>message_id</c>) that was accepted before is not applied
/// again, whatever the message now says; it gets a duplicate answer naming what the first one did.
/// </summary>
/// <remarks>
/// <para>
/// Only client-given ids count: the hub's own ids are fresh for every request. The order number already makes a
/// re-sent order and a repeated cancel idempotent; this makes the message id itself processed at most once, so a
/// redelivered message with the same id never becomes a second command. The inbox row of an accepted message is added
/// to the journal step's unit of work, so it is committed with the message's effects; a second delivery racing the
/// first collides on the inbox key at commit, the journal step runs the steps again, and this step then answers it as
/// a duplicate.
/// </para>
/// <para>
/// The first run of the steps reads the inbox only when the command's acceptor writes ahead of the commit
/// (<see cref="ICommandAcceptor.WritesAheadOfCommit"/>). Otherwise nothing of the command reaches the database before
/// the commit, and the inbox row's key refuses a message id taken already right there: the commit fails whole, the
/// journal step runs the steps again (<see cref="InboundContext.IsRetry"/>), and this step reads the first one and
/// answers a duplicate — what reading first would have answered, without a read for every new message.
/// </para>
/// </remarks>
internal sealed class InboxStep(TimeProvider clock, StatusSources statuses, AcceptStep acceptors) : IInboundStep
{
    public async Task InvokeAsync(InboundContext context, InboundStepDelegate next)
    {
        if (context.Message.MessageId is not { } messageId)
        {
            await next(context);
            return;
        }

        var readFirst = context.IsRetry || acceptors.WritesAheadOfCommit(context.Command.GetType());
        if (readFirst && await FindAsync(context, messageId) is { } first)
        {
            await AnswerDuplicateAsync(context, messageId, first);
            return;
        }

        await next(context);
        if (context.Result is { Outcome: InboundOutcome.Accepted })
        {
            context.Db.Inbox.Add(new InboxEntry
            {
                MessageId = messageId,
                MessageType = context.Envelope.MessageType,
                OrderNumber = context.OrderNumber,
                TrackingId = context.TrackingId,
                AcceptedAt = clock.GetUtcNow().UtcDateTime,
            });
            return;
        }

        // Refused (invalid, no route, a conflict): no inbox row collides at the commit, so a message id taken already
        // is found only by reading now. It is the first one's duplicate whatever it now says, as when read first.
        if (!readFirst && await FindAsync(context, messageId) is { } taken)
        {
            context.Route = null;
            context.ShouldDispatch = false;
            await AnswerDuplicateAsync(context, messageId, taken);
        }
    }

    private static Task<InboxEntry?> FindAsync(InboundContext context, Guid messageId) =>
        context.Db.Inbox.AsNoTracking().FirstOrDefaultAsync(i => i.MessageId == messageId, context.CancellationToken);

    private async Task AnswerDuplicateAsync(InboundContext context, Guid messageId, InboxEntry first)
    {
        var status = first.OrderNumber is null || statuses.ForMessageType(first.MessageType) is not { } source
            ? null
            : (await source.FindAsync(context.Db, first.OrderNumber, context.CancellationToken))?.Status;
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
