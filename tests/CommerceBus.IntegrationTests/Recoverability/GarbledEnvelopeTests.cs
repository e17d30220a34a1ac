using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Core.Failures;
using CommerceBus.IntegrationTests.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CommerceBus.IntegrationTests.Recoverability.FailedMessageReplayTests;

namespace CommerceBus.IntegrationTests.Recoverability;

/// <summary>
/// A message on a hub queue whose envelope headers do not read is not a crash: it fails with a reason naming the header,
/// and lands in the failed-message store under the client's correlation id and the order's tracking id, kept apart.
/// </summary>
public sealed class GarbledEnvelopeTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_routed_command_with_a_garbled_received_at_header_is_stored_as_an_error_naming_the_header()
    {
        await using var hub = await TestHub.StartAsync();
        var messageId = Guid.NewGuid();
        var trackingId = Guid.NewGuid();
        var command = new ReserveStock(trackingId, "GARBLED1", [new FulfillmentLine("SKU-1", 1, 10m)]);
        var dispatch = await hub.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:commercebus-dispatch"));
        await dispatch.Send(command, context =>
        {
            context.MessageId = messageId;
            context.CorrelationId = trackingId;
            context.Headers.Set(EnvelopeHeaders.CorrelationId, "flow-garbled-1");
            context.Headers.Set(EnvelopeHeaders.ReceivedAt, "yesterday-ish");
        });

        var errors = await Eventually.MatchAsync(
            async () => (await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}?kind={FailedMessageKind.Error}&pageSize=100", Json)).GetProperty("items").EnumerateArray().ToList(),
            items => items.Any(i => i.GetProperty("messageId").GetGuid() == messageId),
            "the garbled command in the failed-message store",
            TimeSpan.FromSeconds(60));

        var error = Assert.Single(errors, i => i.GetProperty("messageId").GetGuid() == messageId);
        Assert.Equal("commercebus-dispatch", error.GetProperty("endpoint").GetString());
        Assert.Contains(EnvelopeHeaders.ReceivedAt, error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("yesterday-ish", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var details = await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}/{error.GetProperty("id").GetInt64()}", Json);
        Assert.Equal("flow-garbled-1", details.GetProperty("correlationId").GetString());
        Assert.Equal(trackingId, details.GetProperty("trackingId").GetGuid());
        Assert.DoesNotContain(trackingId, hub.Demo.Inventory.Reserved);
    }
}
