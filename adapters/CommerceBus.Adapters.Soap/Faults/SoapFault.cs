using CommerceBus.Contracts.Validation;

namespace CommerceBus.Adapters.Soap.Faults;

/// <summary>A SOAP fault, independent of the version it is written in.</summary>
/// <param name="Code">Who is at fault.</param>
/// <param name="Reason">A sentence for the client saying what is wrong; it names the fields and rules when there are any.</param>
/// <param name="FieldErrors">The broken field rules, written to the fault detail as well, for clients that read it.</param>
internal sealed record SoapFault(SoapFaultCode Code, string Reason, IReadOnlyList<SoapFieldError>? FieldErrors = null)
{
    public static SoapFault Sender(string reason) => new(SoapFaultCode.Sender, reason);

    public static SoapFault Receiver(string reason) => new(SoapFaultCode.Receiver, reason);
}

/// <summary>One broken field rule in a fault: the WSDL element path, the canonical field and the rule.</summary>
internal sealed record SoapFieldError(string Element, string Field, string Rule)
{
    public static SoapFieldError From(FieldError error, string element) => new(element, error.Field, error.Message);

    public override string ToString() => $"{Element}: {Rule}";
}
