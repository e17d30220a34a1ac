using System.Collections.Concurrent;
using CommerceBus.Core.Bus;
using CommerceBus.Transports.RabbitMq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Observability.Heartbeats;

/// <summary>
/// Probes every configured business endpoint each <see cref="ObservabilityOptions.HeartbeatInterval"/> and keeps its
/// state (up, down since, last error) for the <c>commercebus_endpoint_up</c> gauge and the readiness detail; a change is logged.
/// </summary>
/// <remarks>
/// The probes of one round run side by side, each bounded by <see cref="ObservabilityOptions.ProbeTimeout"/>, so a
/// stopped endpoint shows within one interval plus that timeout. An endpoint whose connector cannot be probed is left out.
/// </remarks>
internal sealed partial class EndpointHeartbeats(
    IConfiguration configuration,
    ReceiveEndpointWatch busEndpoints,
    IOptions<ObservabilityOptions> options,
    TimeProvider clock,
    ILogger<EndpointHeartbeats> logger) : BackgroundService, IEndpointHeartbeats
{
    private readonly ConcurrentDictionary<string, EndpointState> _states = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The latest state of each probed endpoint (empty before the first round).</summary>
    public IReadOnlyDictionary<string, EndpointState> States => _states;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.HeartbeatInterval <= TimeSpan.Zero)
        {
            return;
        }

        var commerceBus = configuration.GetSection("CommerceBus");
        var broker = RabbitMqBusOptions.From(commerceBus);
        var probes = new Dictionary<string, EndpointProbe>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in commerceBus.GetSection("Endpoints").GetChildren())
        {
            var probe = EndpointProbe.For(endpoint, settings.ProbePaths.GetValueOrDefault(endpoint.Key), busEndpoints, broker.Enabled ? broker.ConnectionString : null, settings.ProbeTimeout);
            if (probe is not null)
            {
                probes[endpoint.Key] = probe;
            }
        }

        using var timer = new PeriodicTimer(settings.HeartbeatInterval, clock);
        do
        {
            await Task.WhenAll(probes.Select(p => ProbeAsync(p.Key, p.Value, settings.ProbeTimeout, stoppingToken)));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ProbeAsync(string endpoint, EndpointProbe probe, TimeSpan timeout, CancellationToken stoppingToken)
    {
        string? error;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            deadline.CancelAfter(timeout);
            try
            {
                error = await probe.ProbeAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                error = $"{probe.Description} did not answer within {timeout.TotalSeconds:0.#} s";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                error = $"{probe.Description} failed: {ex.GetType().Name}: {ex.Message}";
            }
        }

        var now = clock.GetUtcNow();
        var up = error is null;
        var previous = _states.GetValueOrDefault(endpoint);
        _states[endpoint] = new EndpointState(up, previous is not null && previous.IsUp == up ? previous.Since : now, now, probe.Description, error);
        if (previous is null ? !up : previous.IsUp != up)
        {
            if (up)
            {
                LogUp(logger, endpoint, probe.Description);
            }
            else
            {
                LogDown(logger, endpoint, error!);
            }
        }
    }

    [LoggerMessage(EventId = 8861, Level = LogLevel.Warning, Message = "Business endpoint {Endpoint} is down: {Error}")]
    private static partial void LogDown(ILogger logger, string endpoint, string error);

    [LoggerMessage(EventId = 8862, Level = LogLevel.Information, Message = "Business endpoint {Endpoint} is up ({Probe})")]
    private static partial void LogUp(ILogger logger, string endpoint, string probe);
}
