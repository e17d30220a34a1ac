using CommerceBus.Adapters.Soap.Faults;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>What the legacy ERP answered, read from its SOAP response.</summary>
internal abstract record ErpReply;

/// <summary>BookOrder succeeded.</summary>
internal sealed record ErpBooked(string BookingId, string Erp) : ErpReply;

/// <summary>CancelBooking succeeded.</summary>
internal sealed record ErpCancelled(string BookingId, bool Cancelled) : ErpReply;

/// <summary>A SOAP fault; <paramref name="Refusal"/> is the reason of a <c>BookingRefused</c> detail, if the fault carried one.</summary>
internal sealed record ErpFault(SoapFaultCode Code, string Reason, string? Refusal) : ErpReply;
