using Microsoft.Extensions.Configuration;

namespace CommerceBus.Routing.Hosting;

/// <summary>The <c>CommerceBus</c> configuration section, read for what routing options do not carry: the declared endpoints and the raw Routing section.</summary>
internal sealed class RoutingSection(IConfiguration commerceBus)
{
    public const string RoutingKey = "Routing";
    public const string EndpointsKey = "Endpoints";

    public IConfigurationSection Routing => commerceBus.GetSection(RoutingKey);

    /// <summary>The logical endpoints: the child keys of <c>CommerceBus:Endpoints</c>, read at each build so a reload sees new ones.</summary>
    public IReadOnlyCollection<string> EndpointNames() => [.. commerceBus.GetSection(EndpointsKey).GetChildren().Select(c => c.Key)];
}
