using CommerceBus.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using CommerceBus.Fulfillment.Orders;

namespace CommerceBus.Bench.Bus.OData;

/// <summary>
/// The baseline of the OData scenario: a minimal API endpoint answering the same page (same filter, order, size and
/// fields) from the same <see cref="HubDbContext"/>, without OData's query parsing and serialization.
/// </summary>
internal static class PlainOrdersEndpoint
{
    public const string Path = "/bench/orders";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (string status, string region, int top, IDbContextFactory<HubDbContext> databases, CancellationToken cancellationToken) =>
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var page = await db.Orders.AsNoTracking()
                .Where(o => o.Saga.Status == status && o.Region == region)
                .OrderByDescending(o => o.CreatedAt)
                .Take(top)
                .Select(o => new PlainOrder(o.OrderNumber, o.TrackingId, o.CustomerId, o.Currency, o.Region, o.ShipToName, o.ShipToStreet,
                    o.ShipToCity, o.ShipToPostalCode, o.ShipToCountry, o.Total, o.Saga.Status,
                    o.Saga.Status == "Failed" || o.Saga.Status == "Cancelled" ? o.Saga.Reason : null,
                    o.Saga.Status == "Shipped" || o.Saga.Status == "Completed" ? o.Saga.ShipmentTrackingNumber : null, o.Saga.CancelReason,
                    o.SourceAdapter, o.CorrelationId, o.CreatedAt, o.Saga.StatusChangedAt))
                .ToListAsync(cancellationToken);
            return Results.Ok(new { value = page });
        });

    /// <summary>The fields the OData <c>Order</c> entity shows.</summary>
    internal sealed record PlainOrder(
        string OrderNumber, Guid TrackingId, string CustomerId, string Currency, string Region, string ShipToName, string ShipToStreet,
        string ShipToCity, string ShipToPostalCode, string ShipToCountry, decimal Total, string Status, string? Reason,
        string? ShipmentTrackingNumber, string? CancelReason, string SourceAdapter, string CorrelationId, DateTime CreatedAt, DateTime UpdatedAt);
}
