namespace CommerceBus.Adapters.Proxy;

/// <summary>One proxy route: requests under <see cref="PathPrefix"/> go to a destination, chosen by content when <see cref="RouteBy"/> is set.</summary>
public sealed class ProxyRouteOptions
{
    /// <summary>Requests whose path is this prefix or below it (<c>/legacy/quotes</c>) take this route; the rest of the path is appended to the destination.</summary>
    public string PathPrefix { get; set; } = "";

    /// <summary>The destination address (<c>http://quotes.internal:8080/services</c>) when no case matches; empty: no default, unmatched requests are refused.</summary>
    public string? Destination { get; set; }

    /// <summary>What the destination is chosen by; null forwards everything to <see cref="Destination"/>.</summary>
    public ProxyMatchOptions? RouteBy { get; set; }

    /// <summary>The value read by <see cref="RouteBy"/> (compared ordinally) mapped to the destination address that gets it.</summary>
    public Dictionary<string, string> Cases { get; init; } = new(StringComparer.Ordinal);

    /// <summary>A rewrite of the request body before it is forwarded.</summary>
    public ProxyTransform Transform { get; set; } = ProxyTransform.None;

    /// <summary>At most this many bytes of a body are read looking for a SOAP element; beyond it the request is refused (<c>413</c>).</summary>
    public int MaxScanBytes { get; set; } = 1 << 20;

    /// <summary>Deeper XML nesting than this is refused as hostile.</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>The authorization policy callers of this route need (<c>intake</c>, <c>query</c>, <c>pii</c>, <c>operator</c>); read by the host's security module.</summary>
    public string Policy { get; set; } = "operator";

    /// <summary>The largest body the <see cref="ProxyTransform.SoapPlaceOrderToJson"/> transformation reads (it needs the whole order).</summary>
    public int MaxTransformBytes { get; set; } = 262144;
}
