using CommerceBus.Abstractions.Outbound;

namespace CommerceBus.Adapters.Http;

/// <summary>
/// How canonical commands map to one service's HTTP requests, and its answers back to canonical replies; a module
/// registers one by name (<c>AddHttpContract&lt;T&gt;("payments")</c>) and endpoints name it (<c>"Contract": "payments"</c>).
/// </summary>
/// <remarks>
/// The connector owns the rest: the base address (request paths are relative to it), the idempotency key and
/// correlation headers, timeouts, retries and the circuit breaker.
/// </remarks>
public interface IHttpContract
{
    /// <summary>The request for a command, or null when the service does not take that command.</summary>
    HttpRequestMessage? CreateRequest(OutboundMessage message);

    /// <summary>
    /// The canonical reply for an answer; a business refusal is a reply, and an answer that is neither success nor
    /// refusal is an <see cref="HttpEndpointException"/>, which the hub retries.
    /// </summary>
    Task<DeliveryResult> ReadReplyAsync(OutboundMessage message, HttpResponseMessage response, CancellationToken cancellationToken);
}
