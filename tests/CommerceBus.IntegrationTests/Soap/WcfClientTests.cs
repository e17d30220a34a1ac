using System.ServiceModel;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Soap.WsdlClient;
using Xunit;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>
/// A WCF client built from the shipped WSDL alone (BasicHttpBinding, SOAP 1.1) at the hub's OrderService: the
/// "done when" of the SOAP issue, plus the faults and refusals as WCF reports them.
/// </summary>
public sealed class WcfClientTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>, IAsyncLifetime
{
    private WcfOrderClient _client = null!;

    private TestHub Hub => fixture.Hub;

    private IOrderServicePortType Service => _client.Channel;

    public Task InitializeAsync()
    {
        _client = new WcfOrderClient(new Uri(Hub.BaseAddress, "/soap/OrderService"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Order_placed_by_a_WCF_client_completes_and_its_status_is_readable()
    {
        var order = Orders.Valid();

        var ack = await Service.PlaceOrderAsync(WcfOrderClient.ToWsdl(order));

        Assert.True(ack.Accepted, ack.Message);
        Assert.Equal(order.OrderNumber, ack.OrderNumber);
        var trackingId = Guid.Parse(ack.TrackingId!);
        await Eventually.StatusAsync(_client, order.OrderNumber!, "Completed");
        var status = await Service.GetOrderStatusAsync(order.OrderNumber!);
        Assert.Equal("Completed", status.Status);
        Assert.Equal(trackingId.ToString(), status.TrackingId);
        Assert.Equal(DateTimeKind.Utc, status.UpdatedAt.Kind);
        Assert.True(Hub.Demo.ErpEu.Bookings.ContainsKey(order.OrderNumber!));
    }

    [Fact]
    public async Task Field_rule_violation_is_a_sender_FaultException_naming_every_bad_field()
    {
        var order = WcfOrderClient.ToWsdl(Orders.Valid() with { Currency = "XXX" });
        order.Lines[1].Quantity = 0;
        order.ShipTo.PostalCode = "";

        var fault = await Assert.ThrowsAsync<FaultException>(() => Service.PlaceOrderAsync(order));

        Assert.True(fault.Code.IsSenderFault, fault.Code.Name);
        Assert.Contains("Order/Currency", fault.Message, StringComparison.Ordinal);
        Assert.Contains("Order/Lines/OrderLine[2]/Quantity", fault.Message, StringComparison.Ordinal);
        Assert.Contains("Order/ShipTo/PostalCode", fault.Message, StringComparison.Ordinal);
        Assert.Null(await Hub.Gateway.GetStatusAsync(OrderFamily.Name, order.OrderNumber, CancellationToken.None));
    }

    [Fact]
    public async Task Resent_order_is_accepted_with_the_same_tracking_id_and_a_changed_one_is_a_conflict()
    {
        var order = WcfOrderClient.ToWsdl(Orders.Valid());

        var first = await Service.PlaceOrderAsync(order);
        var again = await Service.PlaceOrderAsync(order);
        order.CustomerId = "C-43";
        var changed = await Service.PlaceOrderAsync(order);

        Assert.True(again.Accepted);
        Assert.Equal(first.TrackingId, again.TrackingId);
        Assert.False(changed.Accepted);
        Assert.Null(changed.TrackingId);
        Assert.StartsWith("Conflict:", changed.Message, StringComparison.Ordinal);
        Assert.Contains("orderNumber", changed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_of_a_completed_order_is_not_accepted_and_says_Conflict()
    {
        var order = Orders.Valid();
        await Service.PlaceOrderAsync(WcfOrderClient.ToWsdl(order));
        await Eventually.StatusAsync(_client, order.OrderNumber!, "Completed");

        var ack = await Service.CancelOrderAsync(order.OrderNumber!, "too late");

        Assert.False(ack.Accepted);
        Assert.StartsWith("Conflict:", ack.Message, StringComparison.Ordinal);
        Assert.Contains("Completed", ack.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_an_unknown_order_is_a_sender_fault_saying_NotFound()
    {
        var fault = await Assert.ThrowsAsync<FaultException>(() => Service.GetOrderStatusAsync(Orders.NewNumber("U")));

        Assert.True(fault.Code.IsSenderFault);
        Assert.StartsWith("NotFound:", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_the_ERP_refuses_ends_Failed_naming_the_refusal()
    {
        var order = Orders.Valid() with { CustomerId = "ERRERP-7" };

        var ack = await Service.PlaceOrderAsync(WcfOrderClient.ToWsdl(order));
        Assert.True(ack.Accepted, ack.Message);
        await Eventually.StatusAsync(_client, order.OrderNumber!, "Failed");

        var status = await Service.GetOrderStatusAsync(order.OrderNumber!);
        Assert.Equal("Failed", status.Status);
        Assert.Contains("ERP-EU refused the booking", status.Reason, StringComparison.Ordinal);
    }
}
