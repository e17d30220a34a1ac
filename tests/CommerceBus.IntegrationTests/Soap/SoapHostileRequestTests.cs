using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>
/// Requests meant to hurt: oversized bodies (with and without a Content-Length), external entities and entity
/// expansion bombs. Each gets a fault, nothing is accepted, and the hub goes on taking orders.
/// </summary>
public sealed class SoapHostileRequestTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    private TestHub Hub => fixture.Hub;

    public static TheoryData<bool> Versions => new() { false, true };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Body_over_the_size_limit_is_a_Client_fault(bool soap12)
    {
        var order = Orders.Valid();
        var padding = new string(' ', 300 * 1024);
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order)).Replace("<soap:Body>", "<soap:Body>" + padding, StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        SoapAssert.Fault(response, soap12, "Client", "Sender", "larger than the limit of 262144 bytes");
        await SoapAssert.NothingAcceptedAsync(Hub, order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Chunked_body_over_the_size_limit_is_a_Client_fault(bool soap12)
    {
        var order = Orders.Valid();
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order)).Replace("<soap:Body>", "<soap:Body>" + new string(' ', 300 * 1024), StringComparison.Ordinal);
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(envelope)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8");

        var response = await Client(soap12).PostAsync(content, soap12 ? null : SoapMessages.Action("PlaceOrder"));

        SoapAssert.Fault(response, soap12, "Client", "Sender", "larger than the limit");
        await SoapAssert.NothingAcceptedAsync(Hub, order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task External_entity_is_refused_with_a_Client_fault_and_nothing_is_read(bool soap12)
    {
        var order = Orders.Valid();
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order))
            .Replace("?>", "?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", StringComparison.Ordinal)
            .Replace("C-42", "&xxe;", StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        SoapAssert.Fault(response, soap12, "Client", "Sender", "DTD");
        Assert.DoesNotContain("root:", response.Text, StringComparison.Ordinal);
        await SoapAssert.NothingAcceptedAsync(Hub, order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Entity_expansion_bomb_is_refused_with_a_Client_fault(bool soap12)
    {
        var order = Orders.Valid();
        var entities = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">"));
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order))
            .Replace("?>", $"?><!DOCTYPE lolz [<!ENTITY l0 \"lol\">{entities}]>", StringComparison.Ordinal)
            .Replace("Ada Lovelace", "&l9;", StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        SoapAssert.Fault(response, soap12, "Client", "Sender", "DTD");
        await SoapAssert.NothingAcceptedAsync(Hub, order.OrderNumber!);
    }

    [Fact]
    public async Task Hub_stays_up_after_every_bad_request_and_takes_the_next_order()
    {
        var bad = new[]
        {
            "<<<", "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", new string('<', 1000), "\u0000\u0001",
            SoapMessages.Envelope(false, "<o:PlaceOrder xmlns:o=\"urn:commercebus:legacy:orders:v1\"><o:Order><o:Lines><o:OrderLine><o:Quantity>9999999999999</o:Quantity></o:OrderLine></o:Lines></o:Order></o:PlaceOrder>"),
        };
        foreach (var text in bad)
        {
            var response = await Client(false).PostAsync(text, SoapMessages.Action("PlaceOrder"));
            Assert.True(response.IsFault, text);
        }

        using var health = await Hub.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var order = Orders.Valid();
        var placed = await Client(false).SendAsync(SoapMessages.PlaceOrder(order));
        Assert.Equal("true", placed.Result("Accepted"));
        Assert.Equal("Completed", (await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
    }

    private RawSoapClient Client(bool soap12) => new(Hub.Http, soap12);

    /// <summary>A body of unknown length, so HttpClient sends it chunked and only reading it tells its size.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
