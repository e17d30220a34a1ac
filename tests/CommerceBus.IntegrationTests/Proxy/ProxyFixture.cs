using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Proxy;

/// <summary>The real hub with proxy routes of every kind in front of two real echo services, A and B.</summary>
public sealed class ProxyFixture : IAsyncLifetime
{
    public EchoBackend A { get; private set; } = null!;

    public EchoBackend B { get; private set; } = null!;

    public TestHub Hub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = await EchoBackend.StartAsync("A");
        B = await EchoBackend.StartAsync("B");
        var a = A.Address.ToString().TrimEnd('/');
        var b = B.Address.ToString().TrimEnd('/');
        Hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["CommerceBus:Proxy:Routes:pass:PathPrefix"] = "/px/pass",
            ["CommerceBus:Proxy:Routes:pass:Destination"] = a + "/svc",

            ["CommerceBus:Proxy:Routes:hdr:PathPrefix"] = "/px/hdr",
            ["CommerceBus:Proxy:Routes:hdr:RouteBy:Kind"] = "Header",
            ["CommerceBus:Proxy:Routes:hdr:RouteBy:Header"] = "X-Route",
            ["CommerceBus:Proxy:Routes:hdr:Cases:a"] = a,
            ["CommerceBus:Proxy:Routes:hdr:Cases:b"] = b,

            ["CommerceBus:Proxy:Routes:soaph:PathPrefix"] = "/px/soaph",
            ["CommerceBus:Proxy:Routes:soaph:RouteBy:Kind"] = "SoapHeader",
            ["CommerceBus:Proxy:Routes:soaph:RouteBy:Path"] = "/Routing/Target",
            ["CommerceBus:Proxy:Routes:soaph:Cases:a"] = a,
            ["CommerceBus:Proxy:Routes:soaph:Cases:b"] = b,

            ["CommerceBus:Proxy:Routes:soapb:PathPrefix"] = "/px/soapb",
            ["CommerceBus:Proxy:Routes:soapb:RouteBy:Kind"] = "SoapBody",
            ["CommerceBus:Proxy:Routes:soapb:RouteBy:Path"] = "//order[1]/symbol",
            ["CommerceBus:Proxy:Routes:soapb:Cases:IBM"] = a,
            ["CommerceBus:Proxy:Routes:soapb:Cases:MSFT"] = b,
            ["CommerceBus:Proxy:Routes:soapb:MaxScanBytes"] = "65536",

            ["CommerceBus:Proxy:Routes:xform:PathPrefix"] = "/px/xform",
            ["CommerceBus:Proxy:Routes:xform:Destination"] = a + "/api/orders",
            ["CommerceBus:Proxy:Routes:xform:Transform"] = "SoapPlaceOrderToJson",
        });
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
