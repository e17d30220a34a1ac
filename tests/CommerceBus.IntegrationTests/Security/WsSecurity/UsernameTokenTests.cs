using System.Net;
using System.ServiceModel;
using System.Xml.Linq;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Soap;
using CommerceBus.IntegrationTests.Soap.WsdlClient;
using Xunit;

namespace CommerceBus.IntegrationTests.Security.WsSecurity;

/// <summary>
/// SOAP clients authenticated by a WS-Security UsernameToken marked <c>mustUnderstand="1"</c>, understood rather than
/// refused: WCF's own PasswordText over HTTPS (<c>TransportWithMessageCredential</c>), refused in clear text over
/// HTTP; a PasswordDigest (added by hand to a WCF call) accepted once, refused when replayed, stale or without a
/// secret file; wrong passwords and roles answered with faults that say why.
/// </summary>
public sealed class UsernameTokenTests(WsSecurityHubFixture fixture) : IClassFixture<WsSecurityHubFixture>
{
    [Fact]
    public async Task A_WCF_client_sending_PasswordText_over_HTTPS_places_an_order_and_reads_its_status()
    {
        var factory = UsernameTokenClient.PasswordText(fixture.Https, fixture.Server, WsSecurityHubFixture.OrderEntry, TestClients.KeyOf(WsSecurityHubFixture.OrderEntry));
        try
        {
            var channel = factory.CreateChannel();
            var order = Orders.Valid();

            var ack = await channel.PlaceOrderAsync(WcfOrderClient.ToWsdl(order));
            var status = await channel.GetOrderStatusAsync(order.OrderNumber!);

            Assert.True(ack.Accepted, ack.Message);
            Assert.Equal(order.OrderNumber, status.OrderNumber);

            // The token's user name is the client: the journal names it on the order's accepted message.
            var accepted = await fixture.Hub.JournalAsync(j => j.Where(e => e.OrderNumber == order.OrderNumber && e.Direction == JournalDirection.Inbound));
            Assert.NotEmpty(accepted);
            Assert.All(accepted, e => Assert.Equal(WsSecurityHubFixture.OrderEntry, e.ClientId));
        }
        finally
        {
            factory.Abort();
        }
    }

    [Theory]
    [InlineData(WsSecurityHubFixture.OrderEntry, "not-the-key", "not those of a client the hub knows")]
    [InlineData("nobody", "whatever", "not those of a client the hub knows")]
    [InlineData(WsSecurityHubFixture.Reporting, null, "does not have the role 'intake'")]
    public async Task A_wrong_password_client_or_role_is_a_fault_saying_why_and_nothing_is_accepted(string client, string? password, string why)
    {
        var factory = UsernameTokenClient.PasswordText(fixture.Https, fixture.Server, client, password ?? TestClients.KeyOf(client));
        var order = Orders.Valid();
        try
        {
            var refused = await Assert.ThrowsAnyAsync<CommunicationException>(() => factory.CreateChannel().PlaceOrderAsync(WcfOrderClient.ToWsdl(order)));

            Assert.Contains(why, Messages(refused), StringComparison.Ordinal);
            Assert.Null(await fixture.Hub.Gateway.GetStatusAsync(OrderFamily.Name, order.OrderNumber!, CancellationToken.None));
        }
        finally
        {
            factory.Abort();
        }
    }

    [Fact]
    public async Task PasswordText_over_plain_HTTP_is_refused_with_a_fault_saying_to_use_HTTPS()
    {
        // WCF will not send a clear-text password over http, so a hand-rolled client does.
        using var http = new HttpClient { BaseAddress = fixture.Http, Timeout = TimeSpan.FromSeconds(60) };
        var order = Orders.Valid();
        var envelope = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"{SoapMessages.Soap11}\"><soap:Header>"
            + $"<wsse:Security soap:mustUnderstand=\"1\" xmlns:wsse=\"{DigestHeader.Wsse}\"><wsse:UsernameToken><wsse:Username>{WsSecurityHubFixture.OrderEntry}</wsse:Username>"
            + $"<wsse:Password>{TestClients.KeyOf(WsSecurityHubFixture.OrderEntry)}</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header>"
            + $"<soap:Body>{SoapMessages.PlaceOrder(order).ToString(SaveOptions.DisableFormatting)}</soap:Body></soap:Envelope>";

        var response = await new RawSoapClient(http, soap12: false).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal("FailedAuthentication", response.FaultCodeName);
        Assert.Contains("only over HTTPS", response.FaultReason, StringComparison.Ordinal);
        Assert.Null(await fixture.Hub.Gateway.GetStatusAsync(OrderFamily.Name, order.OrderNumber!, CancellationToken.None));
    }

    [Fact]
    public async Task A_PasswordDigest_is_accepted_once_and_refused_when_replayed_or_stale()
    {
        var secret = TestClients.KeyOf(WsSecurityHubFixture.Till);
        var header = DigestHeader.Fresh(WsSecurityHubFixture.Till, secret, DateTimeOffset.UtcNow);
        var first = Orders.Valid();
        var replayed = Orders.Valid();
        var stale = Orders.Valid();

        var ack = await PlaceWithHeaderAsync(first, header);
        // WCF raises a wsse:FailedAuthentication fault as a SecurityAccessDeniedException carrying the reason.
        var replay = await Assert.ThrowsAnyAsync<CommunicationException>(() => PlaceWithHeaderAsync(replayed, header));
        var old = await Assert.ThrowsAnyAsync<CommunicationException>(() =>
            PlaceWithHeaderAsync(stale, DigestHeader.Fresh(WsSecurityHubFixture.Till, secret, DateTimeOffset.UtcNow.AddMinutes(-30))));

        Assert.True(ack.Accepted, ack.Message);
        var accepted = await fixture.Hub.JournalAsync(j => j.Where(e => e.OrderNumber == first.OrderNumber && e.Direction == JournalDirection.Inbound));
        Assert.Equal(WsSecurityHubFixture.Till, Assert.Single(accepted.Select(e => e.ClientId).Distinct()));
        Assert.Contains("nonce was used before", replay.Message, StringComparison.Ordinal);
        Assert.Contains("outside the 5 minutes", old.Message, StringComparison.Ordinal);
        Assert.Null(await fixture.Hub.Gateway.GetStatusAsync(OrderFamily.Name, replayed.OrderNumber!, CancellationToken.None));
        Assert.Null(await fixture.Hub.Gateway.GetStatusAsync(OrderFamily.Name, stale.OrderNumber!, CancellationToken.None));
    }

    [Fact]
    public async Task A_PasswordDigest_of_a_client_without_a_secret_file_is_refused_naming_the_setting()
    {
        var header = DigestHeader.Fresh(WsSecurityHubFixture.OrderEntry, TestClients.KeyOf(WsSecurityHubFixture.OrderEntry), DateTimeOffset.UtcNow);

        var refused = await Assert.ThrowsAnyAsync<CommunicationException>(() => PlaceWithHeaderAsync(Orders.Valid(), header));

        Assert.Contains("DigestSecretFile", refused.Message, StringComparison.Ordinal);
    }

    private async Task<WsdlOrderAck> PlaceWithHeaderAsync(CommerceBus.Contracts.Orders.PlaceOrder order, DigestHeader header)
    {
        var factory = UsernameTokenClient.Plain(fixture.Http);
        try
        {
            var channel = factory.CreateChannel();
            Task<WsdlOrderAck> call;
            using (new OperationContextScope((IContextChannel)channel))
            {
                OperationContext.Current.OutgoingMessageHeaders.Add(header);
                call = channel.PlaceOrderAsync(WcfOrderClient.ToWsdl(order));
            }

            return await call;
        }
        finally
        {
            factory.Abort();
        }
    }

    private static string Messages(Exception exception)
    {
        var all = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            all.Add(e.Message);
        }

        return string.Join(" | ", all);
    }
}
