namespace CommerceBus.Adapters.Proxy;

/// <summary>The kinds of content a proxy route can route by.</summary>
public enum ProxyMatchKind
{
    /// <summary>An HTTP request header's value (the first one when repeated).</summary>
    Header,

    /// <summary>The text of an element in the SOAP envelope's <c>Header</c>.</summary>
    SoapHeader,

    /// <summary>The text of an element in the SOAP envelope's <c>Body</c>.</summary>
    SoapBody,
}
