using System.Text.Json.Serialization;

namespace CommerceBus.Routing;

/// <summary>How the router combines the rules a message matches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoutingMode>))]
public enum RoutingMode
{
    /// <summary>The first matching rule in table order decides alone.</summary>
    FirstMatch,

    /// <summary>Every matching rule contributes its endpoints (union, de-duplicated, in rule order).</summary>
    Multicast,
}
