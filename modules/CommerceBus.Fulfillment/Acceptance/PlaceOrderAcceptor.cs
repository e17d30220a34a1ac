using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Fulfillment.Acceptance;

/// <summary>
/// Takes a new order on, or recognises a re-sent one: the same order under the same number gets the first answer
/// again (same tracking id, nothing new happens); another order under a number already used is a conflict.
/// </summary>
internal sealed class PlaceOrderAcceptor(TimeProvider clock) : ICommandAcceptor
{
    public Type CommandType => typeof(PlaceOrder);

    public async Task AcceptAsync(InboundContext context)
    {
        var order = (PlaceOrder)context.Command;
        var number = order.OrderNumber!;
        context.OrderNumber = number;

        // A new order is the common case: the first run reads nothing, and an order number already taken makes the
        // commit fail on the orders' key (nothing of this order written); the steps then run again, and this look-up
        // answers it as the same order again or a conflict. The saga row is made with the order, so it answers for it
        // alone (the index on its order number).
        if (context.IsRetry)
        {
            var existing = await context.Db.OrderSagas.AsNoTracking()
                .FirstOrDefaultAsync(s => s.OrderNumber == number, context.CancellationToken);
            if (existing is not null)
            {
                context.Result = Existing(order, existing);
                context.TrackingId = existing.CorrelationId;
                return;
            }
        }

        var trackingId = Guid.NewGuid();
        var now = clock.GetUtcNow().UtcDateTime;
        var shipTo = order.ShipTo!;
        context.Db.Orders.Add(new OrderRecord
        {
            OrderNumber = number,
            TrackingId = trackingId,
            CustomerId = order.CustomerId!,
            Currency = order.Currency!,
            Region = order.Region!,
            ShipToName = shipTo.Name!,
            ShipToStreet = shipTo.Street!,
            ShipToCity = shipTo.City!,
            ShipToPostalCode = shipTo.PostalCode!,
            ShipToCountry = shipTo.Country!,
            Total = order.Total(),
            Lines = [.. order.Lines!.Select((l, i) => new OrderLineRecord
            {
                OrderNumber = number,
                LineNumber = i + 1,
                Sku = l.Sku!,
                Quantity = l.Quantity,
                UnitPrice = l.UnitPrice,
            })],
            SourceAdapter = context.Envelope.SourceAdapter,
            CorrelationId = context.Envelope.CorrelationId,
            CreatedAt = now,

            // The order's state from the start: a saga not started yet, which takes the order when it arrives.
            Saga = new OrderSagaRecord
            {
                CorrelationId = trackingId,
                Version = 1,
                CurrentState = OrderFulfillmentStates.NotStarted,
                OrderNumber = number,
                OrderJson = CanonicalJson.Serialize(order),
                Status = nameof(OrderStatus.Accepted),
                StatusChangedAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            },
        });

        context.TrackingId = trackingId;
        context.ShouldDispatch = true;
        context.Result = new InboundResult
        {
            Outcome = InboundOutcome.Accepted,
            OrderNumber = number,
            TrackingId = trackingId,
            Status = nameof(OrderStatus.Accepted),
            Detail = $"Order {number} accepted.",
        };
    }

    private static InboundResult Existing(PlaceOrder order, OrderSagaRecord existing)
    {
        var first = CanonicalJson.Deserialize(existing.OrderJson, typeof(PlaceOrder)) as PlaceOrder;
        if (first is not null && first.IsSameOrderAs(order))
        {
            return new InboundResult
            {
                Outcome = InboundOutcome.Duplicate,
                OrderNumber = existing.OrderNumber,
                TrackingId = existing.CorrelationId,
                Status = existing.Status,
                Detail = $"Order {existing.OrderNumber} was already accepted; this is the same order again.",
            };
        }

        return new InboundResult
        {
            Outcome = InboundOutcome.Conflict,
            OrderNumber = existing.OrderNumber,
            TrackingId = existing.CorrelationId,
            Status = existing.Status,
            Detail = $"orderNumber {existing.OrderNumber} is already used by a different order; use a new order number.",
        };
    }
}
