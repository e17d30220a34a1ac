namespace CommerceBus.Adapters.Proxy.Soap;

/// <summary>The part of a SOAP envelope a path is evaluated in.</summary>
internal enum SoapSection
{
    Header,
    Body,
}
