using CommerceBus.Abstractions.Outbound;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>
/// How canonical commands map to one SOAP service's operations, and its answers back to canonical replies; a module
/// registers one by name (<c>AddSoapContract&lt;T&gt;("legacy-erp")</c>) and endpoints name it (<c>"Contract": "legacy-erp"</c>).
/// </summary>
/// <remarks>The connector owns the wire: the envelope (SOAP 1.1 or 1.2), the action header, the timeout and the size limit.</remarks>
public interface ISoapContract
{
    /// <summary>The operation for a command, or null when the service does not take that command.</summary>
    /// <param name="message">The command, with its idempotency key, which the body should carry.</param>
    SoapOperation? CreateRequest(OutboundMessage message);

    /// <summary>
    /// The canonical reply for the service's answer. A business refusal (often a Sender fault with a detail) is a reply;
    /// anything else that is not the operation's result throws (<see cref="SoapEndpointFaultException"/> for a fault,
    /// <see cref="FormatException"/> for an unexpected body), and the hub retries with the same idempotency key.
    /// </summary>
    DeliveryResult ReadReply(OutboundMessage message, SoapOperation operation, SoapAnswer answer);
}
