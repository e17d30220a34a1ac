using System.Net;
using System.Xml;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>
/// Raw SOAP 1.1 and 1.2 envelopes over HttpClient against the real hub: place, re-send, status and cancel, each answer
/// checked against the shipped WSDL's schema.
/// </summary>
public sealed class SoapWireTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    private static readonly WsdlSchema Contract = WsdlSchema.Load("OrderService.wsdl");

    private TestHub Hub => fixture.Hub;

    [Fact]
    public async Task Shipped_example_request_is_accepted_and_the_order_completes()
    {
        var example = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Assets", "place-order.soap11.xml"));

        var response = await new RawSoapClient(Hub.Http, soap12: false).PostAsync(example, SoapMessages.Action("PlaceOrder"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith("text/xml", response.ContentType, StringComparison.Ordinal);
        Assert.Empty(Contract.Violations(response.Payload));
        Assert.Equal("true", response.Result("Accepted"));
        Assert.Equal("A-1002", response.Result("OrderNumber"));
        var trackingId = Guid.Parse(response.Result("TrackingId")!);

        var status = await Hub.WaitForStatusAsync("A-1002", "Completed", "Failed");
        Assert.Equal("Completed", status!.Status);
        Assert.Equal(trackingId, status.TrackingId);
        Assert.True(Hub.Demo.ErpEu.Bookings.ContainsKey("A-1002"), "an EU order is booked in ERP-EU over SOAP");
    }

    [Fact]
    public async Task Soap12_place_order_is_answered_in_SOAP_12_and_the_order_completes()
    {
        var client = new RawSoapClient(Hub.Http, soap12: true);
        var order = Orders.Valid() with { Region = "US", Currency = "USD" };

        var response = await client.SendAsync(SoapMessages.PlaceOrder(order));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith("application/soap+xml", response.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("action", response.ContentType, StringComparison.Ordinal);
        Assert.True(response.Soap12);
        Assert.Empty(Contract.Violations(response.Payload));
        Assert.Equal("true", response.Result("Accepted"));
        Assert.Equal("Completed", (await Eventually.StatusAsync(client, order.OrderNumber!, "Completed", "Failed"))!);
        Assert.True(Hub.Demo.ErpUs.Bookings.ContainsKey(order.OrderNumber!), "a US order is booked in ERP-US");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Resent_order_is_accepted_again_with_the_same_tracking_id(bool soap12)
    {
        var client = new RawSoapClient(Hub.Http, soap12);
        var order = Orders.Valid();

        var first = await client.SendAsync(SoapMessages.PlaceOrder(order));
        var again = await client.SendAsync(SoapMessages.PlaceOrder(order));

        Assert.Equal("true", first.Result("Accepted"));
        Assert.Equal("true", again.Result("Accepted"));
        Assert.Equal(first.Result("TrackingId"), again.Result("TrackingId"));
        var accepted = await Hub.JournalAsync(j => j.Where(e => e.OrderNumber == order.OrderNumber && e.SourceAdapter == "soap" && e.Outcome == "Accepted"));
        Assert.Single(accepted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Status_answers_the_read_model_with_UpdatedAt(bool soap12)
    {
        var client = new RawSoapClient(Hub.Http, soap12);
        var order = Orders.Valid();
        var placed = await client.SendAsync(SoapMessages.PlaceOrder(order));
        await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed");

        var response = await client.SendAsync(SoapMessages.GetOrderStatus(order.OrderNumber!));

        Assert.Empty(Contract.Violations(response.Payload));
        Assert.Equal("Completed", response.Result("Status"));
        Assert.Equal(placed.Result("TrackingId"), response.Result("TrackingId"));
        var updatedAt = XmlConvert.ToDateTimeOffset(response.Result("UpdatedAt")!);
        Assert.Equal(TimeSpan.Zero, updatedAt.Offset);
        Assert.InRange(updatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Status_of_an_unknown_order_is_a_Client_fault_saying_NotFound(bool soap12)
    {
        var response = await new RawSoapClient(Hub.Http, soap12).SendAsync(SoapMessages.GetOrderStatus(Orders.NewNumber("U")));

        Assert.Equal(soap12 ? "Sender" : "Client", response.FaultCodeName);
        Assert.StartsWith("NotFound:", response.FaultReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancel_of_an_unknown_order_is_not_accepted_and_says_NotFound(bool soap12)
    {
        var response = await new RawSoapClient(Hub.Http, soap12).SendAsync(SoapMessages.CancelOrder(Orders.NewNumber("U"), "test"));

        Assert.Empty(Contract.Violations(response.Payload));
        Assert.Equal("false", response.Result("Accepted"));
        Assert.StartsWith("NotFound:", response.Result("Message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"\"")]
    public async Task Absent_or_empty_SOAPAction_dispatches_on_the_body(string? soapAction)
    {
        var order = Orders.Valid();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/soap/OrderService")
        {
            Content = new StringContent(SoapMessages.Envelope(false, SoapMessages.PlaceOrder(order)), System.Text.Encoding.UTF8, "text/xml"),
        };
        if (soapAction is not null)
        {
            request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        }

        using var http = await Hub.Http.SendAsync(request);
        var response = new SoapResponse(http.StatusCode, null, await http.Content.ReadAsStringAsync());

        Assert.Equal("true", response.Result("Accepted"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancel_before_shipping_is_accepted_and_the_order_ends_Cancelled(bool soap12)
    {
        // Payments are held at a gate, so the order is provably between two steps when the cancel arrives.
        var gate = new PaymentsGate();
        await using var hub = await TestHub.StartAsync(PaymentsGate.Settings, configureServices: services =>
        {
            services.AddSingleton(gate);
            services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
        });
        var client = new RawSoapClient(hub.Http, soap12);
        var order = Orders.Valid();
        var placed = await client.SendAsync(SoapMessages.PlaceOrder(order));
        await hub.WaitForStatusAsync(order.OrderNumber!, "StockReserved");

        var cancel = await client.SendAsync(SoapMessages.CancelOrder(order.OrderNumber!, "customer changed mind"));
        gate.Open();

        Assert.Empty(Contract.Violations(cancel.Payload));
        Assert.Equal("true", cancel.Result("Accepted"));
        Assert.Equal(placed.Result("TrackingId"), cancel.Result("TrackingId"));
        var status = await hub.WaitForStatusAsync(order.OrderNumber!, "Cancelled", "Completed", "Failed");
        Assert.Equal("Cancelled", status!.Status);
        Assert.Equal("customer changed mind", status.Reason);
    }
}
