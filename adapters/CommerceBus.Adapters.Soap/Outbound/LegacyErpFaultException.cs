using CommerceBus.Adapters.Soap.Faults;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>The legacy ERP answered with a fault that is not a booking refusal; the hub retries the delivery.</summary>
internal sealed class LegacyErpFaultException(string endpoint, SoapFaultCode code, string reason)
    : Exception($"Endpoint '{endpoint}' answered with a {code} fault: {reason}")
{
    public SoapFaultCode Code { get; } = code;
}
