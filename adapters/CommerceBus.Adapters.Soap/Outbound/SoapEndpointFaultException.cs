using CommerceBus.Adapters.Soap.Faults;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>A SOAP service answered with a fault that is not a business refusal; the hub retries the delivery.</summary>
public sealed class SoapEndpointFaultException(string endpoint, SoapFaultCode code, string reason)
    : Exception($"Endpoint '{endpoint}' answered with a {code} fault: {reason}")
{
    public SoapFaultCode Code { get; } = code;
}
