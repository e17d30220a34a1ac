using CommerceBus.Abstractions.Hosting;

namespace CommerceBus.DemoEndpoints;

/// <summary>The demo endpoints as a plug-in: what the host loads when <c>CommerceBus:DemoEndpoints:Enabled</c> asks for them.</summary>
public sealed class DemoEndpointsPlugin : ICommerceBusPlugin
{
    public void Register(ICommerceBusBuilder hub) => hub.AddDemoEndpoints();
}
