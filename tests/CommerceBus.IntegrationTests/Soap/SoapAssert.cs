using System.Net;
using CommerceBus.Contracts.Orders;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>What every SOAP fault test checks: a fault of the request's version, and no order afterwards.</summary>
public static class SoapAssert
{
    /// <summary>HTTP 500, the version's media type and envelope, the version's fault code in the envelope namespace, and a reason containing each part.</summary>
    public static void Fault(SoapResponse response, bool soap12, string code11, string code12, params string[] reasonParts)
    {
        Assert.True(response.IsFault, response.Text);
        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.StartsWith(soap12 ? "application/soap+xml" : "text/xml", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(soap12, response.Soap12);
        Assert.Equal(soap12 ? code12 : code11, response.FaultCodeName);
        Assert.Equal(soap12 ? SoapMessages.Soap12 : SoapMessages.Soap11, response.FaultCodeNamespace);
        foreach (var part in reasonParts)
        {
            Assert.Contains(part, response.FaultReason, StringComparison.Ordinal);
        }
    }

    /// <summary>The hub does not know the order and never journaled it as accepted.</summary>
    public static async Task NothingAcceptedAsync(TestHub hub, string orderNumber)
    {
        Assert.Null(await hub.Gateway.GetStatusAsync(OrderFamily.Name, orderNumber, CancellationToken.None));
        Assert.Empty(await hub.JournalAsync(j => j.Where(e => e.OrderNumber == orderNumber && e.Outcome == "Accepted")));
    }
}
