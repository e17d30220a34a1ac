using System.Net;
using System.Net.Http.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.DemoEndpoints.Inventory;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.Inventory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>The hub's bus on RabbitMQ: a REST order goes through the saga over the broker, with Inventory beside the hub or in its own host.</summary>
[Collection(RabbitCollection.Name)]
public sealed class RabbitTransportTests
{
    [RabbitFact]
    public async Task Rest_order_completes_over_the_RabbitMQ_bus()
    {
        var vhost = await RabbitServer.CreateVirtualHostAsync("transport");
        try
        {
            await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["CommerceBus:RabbitMq:ConnectionString"] = vhost });
            var order = Orders.Valid();

            using var response = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var status = await hub.WaitForStatusAsync(order.OrderNumber!, nameof(OrderStatus.Completed), nameof(OrderStatus.Failed));
            Assert.Equal(nameof(OrderStatus.Completed), status!.Status);
            Assert.Contains(status.TrackingId, hub.Demo.Inventory.Reserved);
        }
        finally
        {
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }

    [RabbitFact]
    public async Task Inventory_in_its_own_host_reserves_stock_for_the_hub()
    {
        var vhost = await RabbitServer.CreateVirtualHostAsync("inventory");
        try
        {
            using var inventory = InventoryApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CommerceBus:RabbitMq:ConnectionString"] = vhost,
                ["Logging:LogLevel:Default"] = "Warning",
            }));
            await inventory.StartAsync();
            await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
            {
                ["CommerceBus:RabbitMq:ConnectionString"] = vhost,
                ["CommerceBus:DemoEndpoints:Inventory:Hosted"] = "false",
            });
            var order = Orders.Valid();
            var outOfStock = Orders.Valid() with { Lines = [new OrderLine { Sku = "OOS-7", Quantity = 1, UnitPrice = 1m }] };

            using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
            using var refused = await hub.Http.PostAsJsonAsync("/api/orders", outOfStock, CanonicalJson.Options);

            var status = await hub.WaitForStatusAsync(order.OrderNumber!, nameof(OrderStatus.Completed), nameof(OrderStatus.Failed));
            Assert.Equal(nameof(OrderStatus.Completed), status!.Status);
            Assert.Contains(status.TrackingId, inventory.Services.GetRequiredService<StockLedger>().Reserved);
            Assert.Empty(hub.Demo.Inventory.Reserved);
            var failed = await hub.WaitForStatusAsync(outOfStock.OrderNumber!, nameof(OrderStatus.Completed), nameof(OrderStatus.Failed));
            Assert.Equal(nameof(OrderStatus.Failed), failed!.Status);
            Assert.Contains("OOS-7", failed.Reason, StringComparison.Ordinal);
            await inventory.StopAsync();
        }
        finally
        {
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }

    [Fact]
    public async Task Inventory_outside_the_hub_without_RabbitMQ_is_refused_at_start_naming_the_settings()
    {
        var problem = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestHub.StartAsync(new Dictionary<string, string?> { ["CommerceBus:DemoEndpoints:Inventory:Hosted"] = "false" }));

        Assert.Contains("CommerceBus:RabbitMq:ConnectionString", problem.Message, StringComparison.Ordinal);
    }
}
