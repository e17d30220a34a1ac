namespace CommerceBus.Adapters.Soap.Faults;

/// <summary>Thrown by the service operations to answer with a fault; SoapCore hands it to <see cref="HubFaultTransformer"/>.</summary>
internal sealed class SoapFaultException(SoapFault fault) : Exception(fault.Reason)
{
    public SoapFault Fault { get; } = fault;
}
