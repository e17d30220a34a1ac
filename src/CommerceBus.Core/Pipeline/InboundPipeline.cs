using CommerceBus.Abstractions.Inbound;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using CommerceBus.Core.Orders;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// The one inbound pipeline every adapter's commands go through:
/// normalize → dispatch-after-commit → journal+commit → inbox → validate → route → accept.
/// </summary>
/// <remarks>
/// Each step wraps the ones after it, so the journal step sees the outcome of validation, routing and acceptance and
/// commits it in one transaction, and the dispatch step runs only once that commit has succeeded.
/// </remarks>
internal sealed class InboundPipeline : IInboundGateway
{
    private readonly IDbContextFactory<HubDbContext> _contexts;
    private readonly InboundStepDelegate _first;

    public InboundPipeline(
        IDbContextFactory<HubDbContext> contexts,
        NormalizeStep normalize,
        DispatchStep dispatch,
        JournalStep journal,
        InboxStep inbox,
        ValidateStep validate,
        RouteStep route,
        AcceptStep accept)
    {
        _contexts = contexts;
        IInboundStep[] steps = [normalize, dispatch, journal, inbox, validate, route, accept];
        InboundStepDelegate next = _ => Task.CompletedTask;
        for (var i = steps.Length - 1; i >= 0; i--)
        {
            var step = steps[i];
            var after = next;
            next = context => context.Result is null ? step.InvokeAsync(context, after) : Task.CompletedTask;
        }

        _first = next;
    }

    public async Task<InboundResult> SubmitAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var context = new InboundContext(message, db, cancellationToken);
        await _first(context);
        return context.Result ?? throw new InvalidOperationException("The pipeline ended without a result.");
    }

    public async Task<OrderStatusView?> GetOrderStatusAsync(string orderNumber, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking()
            .Where(o => o.OrderNumber == orderNumber)
            .Select(o => new OrderStatusView(o.OrderNumber, o.TrackingId, o.Status, o.Reason, new DateTimeOffset(o.UpdatedAt, TimeSpan.Zero)))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
