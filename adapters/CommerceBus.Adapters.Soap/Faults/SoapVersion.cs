namespace CommerceBus.Adapters.Soap.Faults;

/// <summary>The two SOAP versions the adapter speaks, told apart by the envelope's namespace.</summary>
public enum SoapVersion
{
    Soap11,
    Soap12,
}

/// <summary>The names and media types that differ between SOAP 1.1 and 1.2.</summary>
public static class SoapVersions
{
    public const string Soap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12Namespace = "http://www.w3.org/2003/05/soap-envelope";
    public const string Soap11MediaType = "text/xml";
    public const string Soap12MediaType = "application/soap+xml";

    public static string EnvelopeNamespace(this SoapVersion version) =>
        version == SoapVersion.Soap12 ? Soap12Namespace : Soap11Namespace;

    public static string ContentType(this SoapVersion version) =>
        (version == SoapVersion.Soap12 ? Soap12MediaType : Soap11MediaType) + "; charset=utf-8";

    /// <summary>The conventional envelope prefix: <c>soap</c> for 1.1, <c>env</c> for 1.2.</summary>
    public static string Prefix(this SoapVersion version) => version == SoapVersion.Soap12 ? "env" : "soap";

    public static string Describe(this SoapVersion version) => version == SoapVersion.Soap12 ? "SOAP 1.2" : "SOAP 1.1";

    public static SoapVersion? FromNamespace(string? ns) => ns switch
    {
        Soap11Namespace => SoapVersion.Soap11,
        Soap12Namespace => SoapVersion.Soap12,
        _ => null,
    };

    /// <summary>The version a Content-Type announces; null when it is not a SOAP media type.</summary>
    public static SoapVersion? FromContentType(string? contentType)
    {
        var media = contentType?.Split(';', 2)[0].Trim();
        return media switch
        {
            _ when string.Equals(media, Soap11MediaType, StringComparison.OrdinalIgnoreCase) => SoapVersion.Soap11,
            _ when string.Equals(media, Soap12MediaType, StringComparison.OrdinalIgnoreCase) => SoapVersion.Soap12,
            _ => null,
        };
    }
}
