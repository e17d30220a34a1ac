namespace CommerceBus.Adapters.Proxy.Soap;

/// <summary>How a scan for a SOAP element ended.</summary>
internal enum SoapScanOutcome
{
    Found,
    NotFound,
    Malformed,
    TooLarge,
}
