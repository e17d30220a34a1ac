using System.Net;
using System.ServiceModel;
using System.ServiceModel.Channels;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Security.WsSecurity;
using CommerceBus.IntegrationTests.Soap;
using CommerceBus.Security;
using CommerceBus.Security.ApiKeys;
using Xunit;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>
/// The intake rate limit on the SOAP surface: over it a SOAP client gets HTTP 503 with <c>Retry-After</c> and a fault
/// saying why, which a WCF client raises as <see cref="ServerTooBusyException"/>; it is served again after the window.
/// </summary>
public sealed class SoapRateLimitTests
{
    [Fact]
    public async Task A_SOAP_client_over_its_limit_gets_503_with_Retry_After_and_a_fault_and_recovers()
    {
        var settings = TestClients.Settings(("legacy", [SecurityRoles.Intake]));
        settings["CommerceBus:Security:RateLimits:intake:PermitLimit"] = "1";
        settings["CommerceBus:Security:RateLimits:intake:Window"] = "00:00:02";
        await using var hub = await TestHub.StartAsync(settings);
        using var http = hub.As("legacy");
        var soap = new RawSoapClient(http, soap12: false);
        var status = SoapMessages.GetOrderStatus(Orders.NewNumber("R"));

        // One permit per window: asking until refused (bounded) needs no assumption about how fast the machine is.
        SoapResponse? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await soap.SendAsync(status);
            if (response.Status == HttpStatusCode.ServiceUnavailable)
            {
                refused = response;
            }
            else
            {
                Assert.StartsWith("NotFound:", response.FaultReason, StringComparison.Ordinal);  // served: the order is not known
            }
        }

        Assert.NotNull(refused);
        Assert.Equal("Client", refused.FaultCodeName);
        Assert.Contains("Too many requests", refused.FaultReason, StringComparison.Ordinal);

        // As a WCF client sees it: the 503 is a ServerTooBusyException, its "try again later".
        var factory = UsernameTokenClient.Plain(hub.BaseAddress);
        try
        {
            var limited = false;
            for (var i = 0; i < 20 && !limited; i++)
            {
                try
                {
                    await WithKeyAsync(factory.CreateChannel(), c => c.GetOrderStatusAsync(Orders.NewNumber("R")));
                }
                catch (FaultException fault) when (fault.Message.StartsWith("NotFound:", StringComparison.Ordinal))
                {
                    // Served in a fresh window.
                }
                catch (ServerTooBusyException)
                {
                    limited = true;
                }
            }

            Assert.True(limited, "a WCF client over the limit should get a ServerTooBusyException");
        }
        finally
        {
            factory.Abort();
        }

        var recovered = await Eventually.MatchAsync(
            async () => (await soap.SendAsync(status)).Status,
            code => code != HttpStatusCode.ServiceUnavailable,
            "the limited SOAP client to be served again in a later window");
        Assert.Equal(HttpStatusCode.InternalServerError, recovered);  // the NotFound fault
    }

    [Fact]
    public async Task The_503_carries_Retry_After()
    {
        var settings = TestClients.Settings(("legacy", [SecurityRoles.Intake]));
        settings["CommerceBus:Security:RateLimits:intake:PermitLimit"] = "1";
        settings["CommerceBus:Security:RateLimits:intake:Window"] = "00:00:02";
        await using var hub = await TestHub.StartAsync(settings);
        using var http = hub.As("legacy");
        var envelope = SoapMessages.Envelope(false, SoapMessages.GetOrderStatus(Orders.NewNumber("R")));

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/soap/OrderService") { Content = new StringContent(envelope, System.Text.Encoding.UTF8, "text/xml") };
            request.Headers.Add("SOAPAction", $"\"{SoapMessages.Action("GetOrderStatus")}\"");
            var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After was {refused.Headers.RetryAfter}");
            Assert.StartsWith("text/xml", refused.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        }
    }

    private static async Task WithKeyAsync<T>(Soap.WsdlClient.IOrderServicePortType channel, Func<Soap.WsdlClient.IOrderServicePortType, Task<T>> call)
    {
        Task<T> pending;
        using (new OperationContextScope((IContextChannel)channel))
        {
            var headers = new HttpRequestMessageProperty();
            headers.Headers[ApiKeyDefaults.Header] = TestClients.KeyOf("legacy");
            OperationContext.Current.OutgoingMessageProperties[HttpRequestMessageProperty.Name] = headers;
            pending = call(channel);
        }

        await pending;
    }
}
