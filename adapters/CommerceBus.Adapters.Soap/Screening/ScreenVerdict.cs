using CommerceBus.Adapters.Soap.Faults;

namespace CommerceBus.Adapters.Soap.Screening;

/// <summary>What the screen found: the request's SOAP version and its operation, or the fault to answer with.</summary>
internal sealed record ScreenVerdict(SoapVersion Version, string? Operation, SoapFault? Fault)
{
    public static ScreenVerdict Refuse(SoapVersion version, SoapFault fault) => new(version, null, fault);

    public static ScreenVerdict Refuse(SoapVersion version, string reason) => new(version, null, SoapFault.Sender(reason));

    public static ScreenVerdict Pass(SoapVersion version, string operation) => new(version, operation, null);
}
