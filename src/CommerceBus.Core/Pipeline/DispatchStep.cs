using CommerceBus.Core.Dispatch;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// After the commit, delivers an accepted command to the endpoints its route chose. A failure here loses nothing: the
/// command is on disk, and the running hub re-drives it once it has made no progress for <c>RedriveStalledAfter</c>
/// (start-up recovery, after a crash).
/// </summary>
internal sealed partial class DispatchStep(EndpointDispatcher dispatcher, ILogger<DispatchStep> logger) : IInboundStep
{
    public async Task InvokeAsync(InboundContext context, InboundStepDelegate next)
    {
        await next(context);
        if (!context.ShouldDispatch || context.Route is null || context.Result is not { IsAccepted: true })
        {
            return;
        }

        try
        {
            await dispatcher.DispatchAsync(
                new DispatchRequest(context.Command, context.Envelope, context.Route, context.TrackingId, context.OrderNumber),
                context.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDispatchFailed(logger, ex, context.Envelope.MessageType, context.OrderNumber);
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "{MessageType} for order {OrderNumber} is accepted and stored but could not be dispatched now; it is re-driven once it has made no progress for RedriveStalledAfter")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string messageType, string? orderNumber);
}
