using CommerceBus.Adapters.Proxy.Soap;

namespace CommerceBus.Adapters.Proxy.Routing;

/// <summary>A validated proxy route, ready to serve: its destinations parsed and its SOAP path compiled.</summary>
internal sealed record ProxyRoute
{
    public required string Name { get; init; }

    public required string PathPrefix { get; init; }

    public string? Destination { get; init; }

    public ProxyMatchKind? Kind { get; init; }

    public string? Header { get; init; }

    public SoapPath? Path { get; init; }

    public required IReadOnlyDictionary<string, string> Cases { get; init; }

    public ProxyTransform Transform { get; init; }

    public int MaxScanBytes { get; init; }

    public int MaxDepth { get; init; }

    public int MaxTransformBytes { get; init; }

    /// <summary>Whether the route reads SOAP, so its refusals are SOAP faults rather than problem details.</summary>
    public bool SpeaksSoap => Kind is ProxyMatchKind.SoapHeader or ProxyMatchKind.SoapBody || Transform == ProxyTransform.SoapPlaceOrderToJson;

    /// <summary>The destination for a routing value (null when there is none and no default).</summary>
    public string? DestinationFor(string? value) =>
        value is not null && Cases.TryGetValue(value, out var destination) ? destination : Destination;

    public static ProxyRoute From(string name, ProxyRouteOptions options)
    {
        SoapPath? path = null;
        if (options.RouteBy?.Kind is ProxyMatchKind.SoapHeader or ProxyMatchKind.SoapBody)
        {
            SoapPath.TryParse(options.RouteBy.Path, out path, out _);
        }

        return new ProxyRoute
        {
            Name = name,
            PathPrefix = options.PathPrefix,
            Destination = string.IsNullOrWhiteSpace(options.Destination) ? null : options.Destination,
            Kind = options.RouteBy?.Kind,
            Header = options.RouteBy?.Header,
            Path = path,
            Cases = new Dictionary<string, string>(options.Cases, StringComparer.Ordinal),
            Transform = options.Transform,
            MaxScanBytes = options.MaxScanBytes,
            MaxDepth = options.MaxDepth,
            MaxTransformBytes = options.MaxTransformBytes,
        };
    }
}
