namespace CommerceBus.Adapters.Proxy;

/// <summary>The body rewrites a proxy route can apply before forwarding.</summary>
public enum ProxyTransform
{
    /// <summary>The body is forwarded byte for byte.</summary>
    None,

    /// <summary>
    /// A legacy SOAP <c>PlaceOrder</c> (<c>contracts/wire/legacy-soap</c>, SOAP 1.1 or 1.2) becomes the canonical
    /// <c>PlaceOrder</c> JSON of <c>contracts/wire/rest.md</c>, sent as <c>application/json</c>; the answer comes back as it is.
    /// </summary>
    SoapPlaceOrderToJson,
}
