using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>
/// Answers one decoded record: commands go through the hub's pipeline (validation, idempotency, journal, routing all
/// happen there), status queries go to the read model, records refused by the codec are answered as they are.
/// </summary>
internal sealed partial class TerminalResponder(IInboundGateway hub, ILogger<TerminalResponder> logger)
{
    public const string ListenerHeader = "tcp-listener";
    public const string PeerHeader = "tcp-peer";

    public async Task<TerminalReply> AnswerAsync(TerminalRequest request, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        // A terminal's record carries no trace context: each record starts the trace of its order.
        using var activity = HubTelemetry.Start($"tcp {request.GetType().Name.Replace("Request", "", StringComparison.Ordinal)}", ActivityKind.Server);
        if (activity is not null)
        {
            activity.SetTag(HubAttributes.Adapter, "tcp");
            activity.SetTag("commercebus.tcp.listener", headers.GetValueOrDefault(ListenerHeader));
        }

        try
        {
            switch (request)
            {
                case PlaceOrderRequest place:
                    var placed = await hub.SubmitAsync(Inbound(place.Order, place.Errors, headers), cancellationToken);
                    return TerminalAnswers.ForPlace(placed, place.Order.OrderNumber);
                case CancelOrderRequest cancel:
                    var cancelled = await hub.SubmitAsync(Inbound(cancel.Cancel, cancel.Errors, headers), cancellationToken);
                    return TerminalAnswers.ForCancel(cancelled, cancel.Cancel.OrderNumber);
                case StatusRequest { OrderNumber: var number } when !OrderValidator.IsCode(number, 12):
                    return new NakReply(number, NakCodes.InvalidField, "orderNumber: must be 1-12 characters of A-Z, 0-9 and '-'");
                case StatusRequest status:
                    return TerminalAnswers.ForStatus(await hub.GetStatusAsync(OrderFamily.Name, status.OrderNumber!, cancellationToken), status.OrderNumber!);
                case RejectedRecord rejected:
                    LogRejected(logger, rejected.Code, rejected.Reason, headers.GetValueOrDefault(PeerHeader));
                    return new NakReply(rejected.OrderNumber, rejected.Code, rejected.Reason);
                default:
                    throw new InvalidOperationException($"No answer for {request.GetType().Name}.");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The terminal may send the record again: the hub's idempotency makes that safe whatever happened here.
            LogHubFailed(logger, ex, request.GetType().Name, headers.GetValueOrDefault(PeerHeader));
            return TerminalAnswers.Unavailable(OrderNumberOf(request));
        }
    }

    private static InboundMessage Inbound(object command, IReadOnlyList<FieldError> translationErrors, IReadOnlyDictionary<string, string> headers) => new()
    {
        Command = command,
        SourceAdapter = TcpAdapter.AdapterName,
        Headers = headers,
        TranslationErrors = translationErrors,
    };

    public static string? OrderNumberOf(TerminalRequest request) => request switch
    {
        PlaceOrderRequest p => p.Order.OrderNumber,
        CancelOrderRequest c => c.Cancel.OrderNumber,
        StatusRequest s => s.OrderNumber,
        RejectedRecord r => r.OrderNumber,
        _ => null,
    };

    [LoggerMessage(EventId = 4020, Level = LogLevel.Debug, Message = "Record refused with {Code} ({Reason}) from {Peer}")]
    private static partial void LogRejected(ILogger logger, string code, string reason, string? peer);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Error, Message = "The hub failed on a {Request} from {Peer}; answered E999 so the terminal sends it again")]
    private static partial void LogHubFailed(ILogger logger, Exception exception, string request, string? peer);
}
