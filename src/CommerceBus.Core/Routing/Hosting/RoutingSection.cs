using Microsoft.Extensions.Configuration;

namespace CommerceBus.Core.Routing.Hosting;

/// <summary>The <c>CommerceBus</c> configuration section, read for what options binding cannot carry: the declared endpoints and an empty default route.</summary>
internal sealed class RoutingSection(IConfiguration commerceBus)
{
    public const string RoutingKey = "Routing";
    public const string EndpointsKey = "Endpoints";

    public IConfigurationSection Routing => commerceBus.GetSection(RoutingKey);

    /// <summary>The logical endpoints: the child keys of <c>CommerceBus:Endpoints</c>, read at each build so a reload sees new ones.</summary>
    public IReadOnlyCollection<string> EndpointNames() => [.. commerceBus.GetSection(EndpointsKey).GetChildren().Select(c => c.Key)];

    /// <summary>
    /// <c>"Default": {}</c> binds to null, exactly like no default at all, yet means "accept and deliver nowhere";
    /// the key is still listed among the section's children, which tells the two apart.
    /// </summary>
    public RoutingOptions Complete(RoutingOptions bound) =>
        bound.Default is null && Routing.GetChildren().Any(c => string.Equals(c.Key, nameof(RoutingOptions.Default), StringComparison.OrdinalIgnoreCase))
            ? bound with { Default = new DefaultRoute() }
            : bound;
}
