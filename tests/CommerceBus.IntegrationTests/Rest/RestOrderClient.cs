using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;

namespace CommerceBus.IntegrationTests.Rest;

/// <summary>A client of the REST order intake as a new web app would write it: JSON over HTTP, per rest.md.</summary>
public sealed class RestOrderClient(HttpClient http) : IAdapterClient
{
    public async Task<AdapterReply> PlaceOrderAsync(PlaceOrder order, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options, cancellationToken);
        return await ReplyAsync(response, cancellationToken);
    }

    public async Task<AdapterReply> CancelOrderAsync(string orderNumber, string reason, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/api/orders/{orderNumber}/cancel", new { reason }, cancellationToken);
        return await ReplyAsync(response, cancellationToken);
    }

    public async Task<string?> GetStatusAsync(string orderNumber, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/orders/{orderNumber}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("status").GetString();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<AdapterReply> ReplyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var body = JsonDocument.Parse(text).RootElement;
            return AdapterReply.Yes(body.GetProperty("trackingId").GetGuid(), text);
        }

        return AdapterReply.No(response.StatusCode switch
        {
            HttpStatusCode.BadRequest => Refusal.Invalid,
            HttpStatusCode.Conflict => Refusal.Conflict,
            HttpStatusCode.NotFound => Refusal.NotFound,
            _ => Refusal.Unavailable,
        }, text);
    }
}
