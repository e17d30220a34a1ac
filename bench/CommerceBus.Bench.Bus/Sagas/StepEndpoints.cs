using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Orders;
using MassTransit;

namespace CommerceBus.Bench.Bus.Sagas;

/// <summary>
/// Stand-ins for the business endpoints that answer every step at once, so the saga's own cost is what is measured;
/// while <see cref="HoldStock"/> is set, stock is never answered and orders wait in ReservingStock.
/// </summary>
internal sealed class StepEndpoints
{
    private long _completed;
    private long _faulted;

    public bool HoldStock { get; set; }

    public long Completed => Interlocked.Read(ref _completed);

    public long Faulted => Interlocked.Read(ref _faulted);

    public void OrderCompleted() => Interlocked.Increment(ref _completed);

    public void MessageFaulted() => Interlocked.Increment(ref _faulted);

    /// <summary>Answers ReserveStock (unless held), CapturePayment, BookOrder and BookShipment; counts completions and faults.</summary>
    internal sealed class Replier(StepEndpoints endpoints) :
        IConsumer<ReserveStock>, IConsumer<CapturePayment>, IConsumer<BookOrder>, IConsumer<BookShipment>,
        IConsumer<OrderCompleted>, IConsumer<Fault<CancelOrder>>
    {
        public Task Consume(ConsumeContext<ReserveStock> context) => endpoints.HoldStock
            ? Task.CompletedTask
            : context.Publish(new StockReserved(context.Message.TrackingId, context.Message.OrderNumber));

        public Task Consume(ConsumeContext<CapturePayment> context) =>
            context.Publish(new PaymentCaptured(context.Message.TrackingId, context.Message.OrderNumber, "PAY-1"));

        public Task Consume(ConsumeContext<BookOrder> context) =>
            context.Publish(new OrderBooked(context.Message.TrackingId, context.Message.OrderNumber, "BK-1", "erp-eu"));

        public Task Consume(ConsumeContext<BookShipment> context) =>
            context.Publish(new ShipmentBooked(context.Message.TrackingId, context.Message.OrderNumber, "SHP-1"));

        public Task Consume(ConsumeContext<OrderCompleted> context)
        {
            endpoints.OrderCompleted();
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<Fault<CancelOrder>> context)
        {
            endpoints.MessageFaulted();
            return Task.CompletedTask;
        }
    }
}
