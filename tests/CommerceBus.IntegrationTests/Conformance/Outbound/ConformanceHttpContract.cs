using System.Net;
using System.Net.Http.Json;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Http;
using CommerceBus.Contracts.Fulfillment;

namespace CommerceBus.IntegrationTests.Conformance.Outbound;

/// <summary>
/// A small HTTP contract of the test's own, registered like any module's (<c>AddHttpContract</c>): <c>CapturePayment</c>
/// is <c>POST charges</c>, 201 is captured, 402 declined, anything else a technical failure.
/// </summary>
internal sealed class ConformanceHttpContract : IHttpContract
{
    public const string Name = "conformance-charges";

    public HttpRequestMessage? CreateRequest(OutboundMessage message) => message.Command is CapturePayment capture
        ? new HttpRequestMessage(HttpMethod.Post, "charges") { Content = JsonContent.Create(new Charge(capture.OrderNumber, capture.Amount)) }
        : null;

    public async Task<DeliveryResult> ReadReplyAsync(OutboundMessage message, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var capture = (CapturePayment)message.Command;
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Created => DeliveryResult.Replied(new PaymentCaptured(capture.TrackingId, capture.OrderNumber, answer)),
            HttpStatusCode.PaymentRequired => DeliveryResult.Replied(new PaymentDeclined(capture.TrackingId, capture.OrderNumber, answer)),
            _ => throw new HttpEndpointException($"charges answered {(int)response.StatusCode}: {answer}"),
        };
    }

    private sealed record Charge(string OrderNumber, decimal Amount);
}
