using CommerceBus.Contracts;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Dispatch;
using CommerceBus.Core.Persistence;
using CommerceBus.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Orders;

/// <summary>
/// At start-up, re-drives every order that was accepted but has not ended: nothing the hub answered "accepted" to is
/// left behind by a crash. Endpoints are called idempotently, so steps that had already been done are not done twice.
/// </summary>
internal sealed partial class OrderRecovery(
    IDbContextFactory<HubDbContext> contexts,
    IMessageRouter router,
    EndpointDispatcher dispatcher,
    TimeProvider clock,
    ILogger<OrderRecovery> logger) : BackgroundService
{
    private static readonly string[] Terminal = [nameof(OrderStatus.Completed), nameof(OrderStatus.Failed), nameof(OrderStatus.Cancelled)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        List<OrderRecord> unfinished;
        await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
        {
            unfinished = await db.Orders.AsNoTracking().Where(o => !Terminal.Contains(o.Status)).ToListAsync(stoppingToken);
        }

        if (unfinished.Count == 0)
        {
            return;
        }

        LogRecovering(logger, unfinished.Count);
        foreach (var order in unfinished)
        {
            try
            {
                var place = (PlaceOrder)CanonicalJson.Deserialize(order.CommandJson, typeof(PlaceOrder))!;
                await RedriveAsync(order, place, stoppingToken);
                if (order.CancelRequestedAt is not null)
                {
                    await RedriveAsync(order, new CancelOrder { OrderNumber = order.OrderNumber, Reason = order.CancelReason }, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRedriveFailed(logger, ex, order.OrderNumber);
            }
        }

        LogRecovered(logger, unfinished.Count);
    }

    private async Task RedriveAsync(OrderRecord order, object command, CancellationToken cancellationToken)
    {
        var envelope = new MessageEnvelope
        {
            MessageId = Guid.NewGuid(),
            CorrelationId = order.CorrelationId,
            SourceAdapter = "recovery",
            MessageType = CanonicalTypes.VersionedNameOf(command.GetType()),
            ReceivedAt = clock.GetUtcNow(),
        };
        var route = router.Route(new RoutableMessage(envelope.MessageType, envelope.Headers, CanonicalJson.ToElement(command)));
        await dispatcher.DispatchAsync(new DispatchRequest(command, envelope, route, order.TrackingId), cancellationToken);
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "Recovery: re-driving {Count} order(s) accepted before the last stop and not finished")]
    private static partial void LogRecovering(ILogger logger, int count);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Recovery: {Count} order(s) re-driven")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "Recovery could not re-drive order {OrderNumber}; it stays unfinished until the next start")]
    private static partial void LogRedriveFailed(ILogger logger, Exception exception, string orderNumber);
}
