using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Http;
using CommerceBus.Contracts.Fulfillment;

namespace CommerceBus.DemoContracts.Payments;

/// <summary>
/// The Payments HTTP contract (<c>contracts/demo/payments-http.md</c>): <c>CapturePayment</c> is
/// <c>POST payments/captures</c> (201 captured, 402 declined), <c>RefundPayment</c> is
/// <c>POST payments/{paymentId}/refunds</c> (200 refunded). Registered as <c>payments</c>.
/// </summary>
internal sealed class PaymentsHttpContract : IHttpContract
{
    public const string Name = "payments";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpRequestMessage? CreateRequest(OutboundMessage message) => message.Command switch
    {
        CapturePayment c => Post("payments/captures", new CaptureRequest(c.TrackingId, c.OrderNumber, c.CustomerId, c.Amount, c.Currency)),
        RefundPayment r => Post($"payments/{Uri.EscapeDataString(r.PaymentId)}/refunds", new RefundRequest(r.TrackingId, r.OrderNumber, r.Amount, r.Currency)),
        _ => null,
    };

    public async Task<DeliveryResult> ReadReplyAsync(OutboundMessage message, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var order = (IOrderMessage)message.Command;
        if (response.IsSuccessStatusCode)
        {
            var answer = await ReadAsync(response, cancellationToken);
            var paymentId = answer?.PaymentId is { Length: > 0 } id ? id : throw Unexpected(response, "an answer without paymentId");
            object reply = message.Command is CapturePayment
                ? new PaymentCaptured(order.TrackingId, order.OrderNumber, paymentId)
                : new PaymentRefunded(order.TrackingId, order.OrderNumber, paymentId);
            return DeliveryResult.Replied(reply, $"HTTP {status}");
        }

        // A decline is the business answering no: a reply the saga compensates on, not a failure to retry.
        if (response.StatusCode == HttpStatusCode.PaymentRequired && message.Command is CapturePayment)
        {
            var answer = await ReadAsync(response, cancellationToken);
            return DeliveryResult.Replied(new PaymentDeclined(order.TrackingId, order.OrderNumber, answer?.Reason ?? "payment declined"), $"HTTP {status}");
        }

        throw Unexpected(response, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static HttpRequestMessage Post<T>(string path, T body) =>
        new(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };

    private static async Task<PaymentAnswer?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<PaymentAnswer>(Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw Unexpected(response, $"a body that is not the payments JSON ({ex.Message})");
        }
    }

    private static HttpEndpointException Unexpected(HttpResponseMessage response, string what) =>
        new($"Payments answered {(int)response.StatusCode} {response.ReasonPhrase} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {Shorten(what)}");

    private static string Shorten(string text) => text.Length > 500 ? text[..500] + "…" : text;
}
