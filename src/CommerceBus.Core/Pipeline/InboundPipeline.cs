using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Sagas;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

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
        // The order's state is its saga row's (made with the order); the reason is the order's only once it has ended.
        return await db.OrderSagas.AsNoTracking()
            .Where(s => s.OrderNumber == orderNumber)
            .Select(s => new OrderStatusView(
                s.OrderNumber,
                s.CorrelationId,
                s.Status,
                s.Status == nameof(OrderStatus.Failed) || s.Status == nameof(OrderStatus.Cancelled) ? s.Reason : null,
                new DateTimeOffset(s.StatusChangedAt, TimeSpan.Zero)))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
