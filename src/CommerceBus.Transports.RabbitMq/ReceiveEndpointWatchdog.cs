using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using CommerceBus.Core.Bus;

namespace CommerceBus.Transports.RabbitMq;

/// <summary>
/// With the bus on RabbitMQ: every <see cref="RabbitMqBusOptions.EndpointWatchEvery"/>, asks the broker whether each
/// receive endpoint of the hub has a consumer on its queue. One that has had none, by the broker's count, for
/// <see cref="RabbitMqBusOptions.EndpointRestartAfter"/> is logged and restarted (stopped within
/// <see cref="RabbitMqBusOptions.EndpointStopTimeout"/>, then started again).
/// </summary>
/// <remarks>
/// MassTransit reconnects an endpoint on its own after a broker restart, once its old channel's messages are done or
/// <c>EndpointStopTimeout</c> has passed. This is the supervision behind that: an endpoint without a consumer means
/// every message for it waits, silently, until someone restarts the hub. While the broker cannot be asked (it is away)
/// nothing is restarted. The count is the broker's: a second hub consuming the same queue hides this hub's loss.
/// </remarks>
internal sealed partial class ReceiveEndpointWatchdog(
    ReceiveEndpointWatch watch,
    IOptions<RabbitMqBusOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<ReceiveEndpointWatchdog> logger) : BackgroundService
{
    private readonly Dictionary<Uri, DateTimeOffset> _withoutConsumerSince = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;

        // The bus stops its endpoints when the host stops, which happens before this service is told to stop.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        stoppingToken = stopping.Token;
        await using var probe = new QueueConsumerProbe(settings.ConnectionString!, settings.EndpointWatchEvery);
        using var timer = new PeriodicTimer(settings.EndpointWatchEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var endpoint in watch.Endpoints)
                {
                    await CheckAsync(endpoint, probe, settings, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; so is the bus.
        }
    }

    private async Task CheckAsync(WatchedEndpoint endpoint, QueueConsumerProbe probe, RabbitMqBusOptions settings, CancellationToken stoppingToken)
    {
        var consumers = await probe.ConsumerCountAsync(endpoint.Queue, stoppingToken);
        var now = clock.GetUtcNow();
        if (consumers is not 0)
        {
            // Consumed, or the broker cannot say (it is away: MassTransit is reconnecting, a restart would not help).
            if (consumers is not null)
            {
                _withoutConsumerSince.Remove(endpoint.InputAddress);
            }

            return;
        }

        if (!_withoutConsumerSince.TryGetValue(endpoint.InputAddress, out var since))
        {
            _withoutConsumerSince[endpoint.InputAddress] = now;
            return;
        }

        if (now - since < settings.EndpointRestartAfter)
        {
            return;
        }

        var (receiveEndpoint, isReady, stateSince) = endpoint.State;
        LogWithoutConsumer(logger, endpoint.Queue, (now - since).TotalSeconds, isReady ? "ready" : "not ready", stateSince);
        _withoutConsumerSince[endpoint.InputAddress] = now;
        try
        {
            // MassTransit cancels the handlers still running on the endpoint once this token is cancelled, and stops
            // waiting for them; the endpoint then starts on a new channel.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            stop.CancelAfter(settings.EndpointStopTimeout);
            await receiveEndpoint.Stop(stop.Token).WaitAsync(settings.EndpointStopTimeout + settings.EndpointWatchEvery, stoppingToken);
            var handle = receiveEndpoint.Start(stoppingToken);
            await handle.Ready.WaitAsync(settings.EndpointRestartAfter, stoppingToken);
            LogRestarted(logger, endpoint.Queue);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogRestartFailed(logger, ex, endpoint.Queue, settings.EndpointRestartAfter.TotalSeconds);
        }
    }

    [LoggerMessage(EventId = 1710, Level = LogLevel.Warning, Message = "Receive endpoint {Queue} has had no consumer on the broker for {Seconds:0} s (MassTransit reports it {State} since {StateSince:O}); messages for it wait until it consumes again: restarting it")]
    private static partial void LogWithoutConsumer(ILogger logger, string queue, double seconds, string state, DateTimeOffset stateSince);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Information, Message = "Receive endpoint {Queue} restarted by the endpoint watchdog; it is ready to consume again")]
    private static partial void LogRestarted(ILogger logger, string queue);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Error, Message = "Receive endpoint {Queue} could not be restarted; the watchdog tries again in {Seconds:0} s if it still has no consumer")]
    private static partial void LogRestartFailed(ILogger logger, Exception exception, string queue, double seconds);
}
