using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>A hand-rolled SOAP client over HttpClient: SOAP 1.1 (text/xml + SOAPAction) or 1.2 (application/soap+xml; action=...).</summary>
public sealed class RawSoapClient(HttpClient http, bool soap12, string path = "/soap/OrderService") : IAdapterClient
{
    public bool Soap12 { get; } = soap12;

    public Task<SoapResponse> SendAsync(XElement operation) =>
        PostAsync(SoapMessages.Envelope(Soap12, operation), SoapMessages.Action(operation.Name.LocalName));

    /// <summary>Posts any text as a SOAP request of this client's version; <paramref name="contentType"/> overrides the usual one.</summary>
    public async Task<SoapResponse> PostAsync(string body, string? action = null, string? contentType = null)
    {
        var content = new StringContent(body, new UTF8Encoding(false));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? (Soap12
            ? $"application/soap+xml; charset=utf-8{(action is null ? "" : $"; action=\"{action}\"")}"
            : "text/xml; charset=utf-8"));
        return await PostAsync(content, Soap12 ? null : action);
    }

    /// <summary>Posts prepared content (a chunked stream, say), with a SOAPAction header when one is given.</summary>
    public async Task<SoapResponse> PostAsync(HttpContent content, string? soapAction)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (soapAction is not null)
        {
            request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{soapAction}\"");
        }

        using var response = await http.SendAsync(request);
        return new SoapResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    public async Task<AdapterReply> PlaceOrderAsync(PlaceOrder order, CancellationToken cancellationToken) =>
        Reply(await SendAsync(SoapMessages.PlaceOrder(order)));

    public async Task<AdapterReply> CancelOrderAsync(string orderNumber, string reason, CancellationToken cancellationToken) =>
        Reply(await SendAsync(SoapMessages.CancelOrder(orderNumber, reason)));

    public async Task<string?> GetStatusAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var response = await SendAsync(SoapMessages.GetOrderStatus(orderNumber));
        return response.IsFault && response.FaultReason!.StartsWith("NotFound:", StringComparison.Ordinal) ? null : response.Result("Status");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static AdapterReply Reply(SoapResponse response)
    {
        if (response.IsFault)
        {
            return AdapterReply.No(response.FaultCodeName is "Client" or "Sender" ? Refusal.Invalid : Refusal.Unavailable, response.FaultReason!);
        }

        var message = response.Result("Message") ?? "";
        if (response.Result("Accepted") == "true")
        {
            return AdapterReply.Yes(Guid.Parse(response.Result("TrackingId")!), message);
        }

        return AdapterReply.No(
            message.StartsWith("Conflict:", StringComparison.Ordinal) ? Refusal.Conflict
            : message.StartsWith("NotFound:", StringComparison.Ordinal) ? Refusal.NotFound
            : Refusal.Unavailable,
            message);
    }
}
