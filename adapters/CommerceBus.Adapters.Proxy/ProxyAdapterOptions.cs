namespace CommerceBus.Adapters.Proxy;

/// <summary>
/// The proxy's settings (<c>CommerceBus:Proxy</c>): the routes, by name, that front legacy HTTP/SOAP services.
/// With no routes the proxy maps nothing.
/// </summary>
public sealed class ProxyAdapterOptions
{
    public Dictionary<string, ProxyRouteOptions> Routes { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a destination may take to answer before the client gets <c>504</c>.</summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long connecting to a destination may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// SHA-256 thumbprints (hex; colons allowed) of https destinations' certificates trusted besides those the machine's
    /// roots validate: a self-signed or internal service, pinned, without turning certificate checks off.
    /// </summary>
    public List<string> TrustedDestinationThumbprints { get; init; } = [];
}
