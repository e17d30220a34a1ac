using CommerceBus.Contracts.Fulfillment;
using MassTransit;

namespace CommerceBus.DemoEndpoints.Inventory;

/// <summary>The Inventory service as a message-driven endpoint: commands arrive on its queue, answers are published.</summary>
public sealed class InventoryConsumer(StockLedger ledger) : IConsumer<ReserveStock>, IConsumer<ReleaseStock>
{
    public const string Queue = "inventory";

    public Task Consume(ConsumeContext<ReserveStock> context) =>
        context.Publish(ledger.Reserve(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<ReleaseStock> context) =>
        context.Publish(ledger.Release(context.Message), context.CancellationToken);
}
