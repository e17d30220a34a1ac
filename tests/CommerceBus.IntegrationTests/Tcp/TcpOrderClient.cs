using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// The conformance client of the TCP adapter: a terminal on one long-lived connection. A conflict is the NAK E003 whose
/// reason begins "orderNumber: conflict", as the adapter's README documents.
/// </summary>
public sealed class TcpOrderClient(TerminalClient terminal) : IAdapterClient
{
    public async Task<AdapterReply> PlaceOrderAsync(PlaceOrder order, CancellationToken cancellationToken) =>
        Reply(await terminal.AskAsync(TerminalRecords.Ord(order)));

    public async Task<AdapterReply> CancelOrderAsync(string orderNumber, string reason, CancellationToken cancellationToken) =>
        Reply(await terminal.AskAsync(TerminalRecords.Can(orderNumber, reason)));

    public async Task<string?> GetStatusAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var reply = await terminal.AskAsync(TerminalRecords.Sta(orderNumber));
        return reply.StartsWith("STS", StringComparison.Ordinal) ? TerminalRecords.StatusOf(reply)
            : TerminalRecords.CodeOf(reply) == "E004" ? null
            : throw new InvalidOperationException($"Unexpected reply to STA: {reply}");
    }

    public ValueTask DisposeAsync() => terminal.DisposeAsync();

    /// <summary>A terminal reply as the conformance suite reads it.</summary>
    public static AdapterReply Reply(string reply)
    {
        if (reply.StartsWith("ACK", StringComparison.Ordinal))
        {
            return AdapterReply.Yes(TerminalRecords.TrackingIdOf(reply), reply);
        }

        var reason = TerminalRecords.ReasonOf(reply);
        return AdapterReply.No(TerminalRecords.CodeOf(reply) switch
        {
            "E003" when reason.StartsWith("orderNumber: conflict", StringComparison.Ordinal) => Refusal.Conflict,
            "E001" or "E002" or "E003" or "E005" => Refusal.Invalid,
            "E004" => Refusal.NotFound,
            _ => Refusal.Unavailable,
        }, reply);
    }
}
