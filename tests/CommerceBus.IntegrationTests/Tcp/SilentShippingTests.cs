using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CommerceBus.Adapters.Tcp.Outbound;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using CommerceBus.Core.Failures;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// The hub with its shipping system hung after accepting the connection (a <see cref="SilentEndpoint"/>): each
/// BookShipment fails within the tcp connector's deadlines and goes the normal way (parked, as this hub has no retries
/// for shipping), and the dispatcher goes on serving every other endpoint.
/// </summary>
public sealed class SilentShippingTests : IAsyncLifetime
{
    private const int PhysicalOrders = 12;
    private readonly SilentEndpoint _shipping = new();
    private TestHub? _hub;

    private TestHub Hub => _hub!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(new Dictionary<string, string?>
    {
        ["CommerceBus:Endpoints:shipping:Port"] = _shipping.Port.ToString(CultureInfo.InvariantCulture),
        ["CommerceBus:Endpoints:shipping:WriteTimeoutSeconds"] = "1",
        ["CommerceBus:Endpoints:shipping:TimeoutSeconds"] = "5",
        ["CommerceBus:Endpoints:shipping:MaxConnections"] = "1",
        ["CommerceBus:Endpoints:shipping:MaxRecordBytes"] = "1048576",
        ["CommerceBus:Endpoints:shipping:Retries:Immediate"] = "0",
        ["CommerceBus:Endpoints:shipping:Retries:Delayed"] = "",

        // A megabyte per BookShipment: a few of them fill the socket buffers of a peer that does not read.
        ["CommerceBus:Adapters:Tcp:Layouts:legacy-shipping:Records:BKS:Length"] = "1000000",
    });

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        await _shipping.DisposeAsync();
    }

    [Fact]
    public async Task Shipping_system_that_stops_reading_fails_each_booking_within_its_deadlines_and_other_orders_go_on()
    {
        var physical = Enumerable.Range(0, PhysicalOrders).Select(_ => Orders.Valid()).ToList();
        foreach (var order in physical)
        {
            await PlaceAsync(order);
        }

        var digital = Orders.Valid() with { Lines = [new OrderLine { Sku = "DIG-EBOOK", Quantity = 1, UnitPrice = 9.99m }] };
        await PlaceAsync(digital);

        // Each booking ends within 2 x (WriteTimeout 1 s + Timeout 5 s) and a connect; without a write deadline the ones
        // behind a full socket would wait for as long as the shipping system stays silent, and never be parked.
        var parked = await Eventually.MatchAsync(
            ParkedBookingsAsync,
            rows => rows.Count == PhysicalOrders,
            $"{PhysicalOrders} bookings parked",
            TimeSpan.FromSeconds(120));
        Assert.All(parked, row => Assert.True(
            row.ExceptionType == typeof(TimeoutException).FullName || row.ExceptionType == typeof(ConnectionLostException).FullName,
            $"{row.OrderNumber}: {row.Reason}"));
        Assert.Contains(parked, row => row.Reason.Contains("did not take the request", StringComparison.Ordinal));
        Assert.Equal(physical.Select(o => o.OrderNumber).Order(), parked.Select(row => row.OrderNumber).Order());
        Assert.Equal("Completed", (await Hub.WaitForStatusAsync(digital.OrderNumber!, "Completed", "Failed"))!.Status);
    }

    private async Task PlaceAsync(PlaceOrder order)
    {
        using var response = await Hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<List<FailedMessageRecord>> ParkedBookingsAsync()
    {
        await using var db = await Hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.FailedMessages.AsNoTracking().Where(f => f.Endpoint == "shipping").ToListAsync();
    }
}
