namespace CommerceBus.Adapters.Proxy;

/// <summary>Where a route reads the value its destination is chosen by.</summary>
public sealed class ProxyMatchOptions
{
    public ProxyMatchKind Kind { get; set; }

    /// <summary><see cref="ProxyMatchKind.Header"/>: the HTTP header's name.</summary>
    public string? Header { get; set; }

    /// <summary>
    /// <see cref="ProxyMatchKind.SoapHeader"/> and <see cref="ProxyMatchKind.SoapBody"/>: the element, as a path of local
    /// names under <c>soap:Header</c> or <c>soap:Body</c> (<c>//order[1]/symbol</c>; the syntax is in <see cref="Soap.SoapPath"/>).
    /// </summary>
    public string? Path { get; set; }
}
