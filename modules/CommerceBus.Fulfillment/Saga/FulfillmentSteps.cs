using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Fulfillment.Orders;

namespace CommerceBus.Fulfillment.Saga;

/// <summary>The steps of order fulfillment, named by their commands, and the commands the saga sends for them.</summary>
public static class FulfillmentSteps
{
    public const string ReserveStock = nameof(Contracts.Fulfillment.ReserveStock);
    public const string CapturePayment = nameof(Contracts.Fulfillment.CapturePayment);
    public const string BookOrder = nameof(Contracts.Fulfillment.BookOrder);
    public const string BookShipment = nameof(Contracts.Fulfillment.BookShipment);

    /// <summary>The command of <paramref name="step"/> for the order; the same every time, so a re-drive is idempotent.</summary>
    public static IOrderMessage CommandFor(OrderSagaRecord saga, string step)
    {
        var order = saga.Order();
        return step switch
        {
            ReserveStock => new ReserveStock(saga.CorrelationId, saga.OrderNumber, saga.Lines()),
            CapturePayment => new CapturePayment(saga.CorrelationId, saga.OrderNumber, order.CustomerId!, order.Total(), order.Currency!),
            BookOrder => new BookOrder(saga.CorrelationId, saga.OrderNumber, order.CustomerId!, order.Region!, order.Currency!, order.Total(), saga.Lines()),
            BookShipment => new BookShipment(
                saga.CorrelationId,
                saga.OrderNumber,
                new ShippingAddress(order.ShipTo!.Name!, order.ShipTo.Street!, order.ShipTo.City!, order.ShipTo.PostalCode!, order.ShipTo.Country!),
                saga.Lines()),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not a fulfillment step"),
        };
    }

    /// <summary>The compensations still owed: for everything done whose undoing has not been confirmed.</summary>
    public static IEnumerable<IOrderMessage> CompensationsFor(OrderSagaRecord saga)
    {
        if (saga.BookingId is not null && !saga.BookingCancelled)
        {
            yield return new CancelBooking(saga.CorrelationId, saga.OrderNumber, saga.Order().Region!, saga.BookingId);
        }

        if (saga.PaymentId is not null && !saga.PaymentRefunded)
        {
            var order = saga.Order();
            yield return new RefundPayment(saga.CorrelationId, saga.OrderNumber, saga.PaymentId, order.Total(), order.Currency!);
        }

        if (saga.StockReserved && !saga.StockReleased)
        {
            yield return new ReleaseStock(saga.CorrelationId, saga.OrderNumber, saga.Lines());
        }
    }
}
