namespace CommerceBus.Adapters.Soap;

/// <summary>Options of the SOAP OrderService (configuration <c>CommerceBus:Adapters:Soap</c>).</summary>
public sealed class SoapAdapterOptions
{
    /// <summary>Where the OrderService answers SOAP 1.1 and 1.2, and serves its WSDL at <c>?wsdl</c>.</summary>
    public string Path { get; set; } = "/soap/OrderService";

    /// <summary>The largest request body accepted, in bytes; a larger one gets a Client/Sender fault unread.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The address the served WSDL gives as the service location. Empty: the address the client used to reach the
    /// hub (scheme, host and path of the request), which is right unless a proxy rewrites them.
    /// </summary>
    public string? PublicAddress { get; set; }
}
