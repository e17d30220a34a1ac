using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Wire;

namespace CommerceBus.Adapters.Soap.Inbound;

/// <summary>
/// Renders the hub's answers in the WSDL's terms. A broken field rule is a Client/Sender fault naming every bad field;
/// a refusal the WSDL can express (a reused number, a cancel too late, an unknown order) is an <c>OrderAck</c> with
/// <c>Accepted=false</c> and a <c>Message</c> that starts with its kind (<c>Conflict:</c>, <c>NotFound:</c>); a hub
/// that cannot take the request now is a Server/Receiver fault.
/// </summary>
internal static class OrderAnswers
{
    public const string ConflictPrefix = "Conflict: ";
    public const string NotFoundPrefix = "NotFound: ";
    public const string UnavailablePrefix = "Unavailable: ";

    /// <summary>The answer to PlaceOrder (root <c>Order</c>) or CancelOrder (root empty); throws the faults.</summary>
    public static OrderAck Ack(InboundResult result, string operation, string root) => result.Outcome switch
    {
        InboundOutcome.Accepted or InboundOutcome.Duplicate => new OrderAck
        {
            Accepted = true,
            OrderNumber = result.OrderNumber ?? "",
            TrackingId = result.TrackingId?.ToString(),
            Message = result.Detail,
        },
        InboundOutcome.Conflict => Refused(result, ConflictPrefix),
        InboundOutcome.NotFound => Refused(result, NotFoundPrefix),
        InboundOutcome.Invalid => throw new SoapFaultException(Invalid(result, operation, root)),
        _ => throw new SoapFaultException(SoapFault.Receiver(UnavailablePrefix + result.Detail)),
    };

    public static LegacyOrderStatus Status(StatusView view) => new()
    {
        OrderNumber = view.Key,
        TrackingId = view.TrackingId.ToString(),
        Status = view.Status,
        Reason = string.IsNullOrEmpty(view.Reason) ? null : view.Reason,
        UpdatedAt = view.UpdatedAt.UtcDateTime,
    };

    public static SoapFault Invalid(InboundResult result, string operation, string root)
    {
        var errors = result.Errors.Select(e => SoapFieldError.From(e, FieldPaths.ToElement(e.Field, root))).ToList();
        var reason = $"{operation} breaks {errors.Count} field rule(s): {string.Join("; ", errors)}. Nothing was accepted.";
        return new SoapFault(SoapFaultCode.Sender, reason, errors);
    }

    private static OrderAck Refused(InboundResult result, string prefix) => new()
    {
        Accepted = false,
        OrderNumber = result.OrderNumber ?? "",
        Message = prefix + result.Detail,
    };
}
