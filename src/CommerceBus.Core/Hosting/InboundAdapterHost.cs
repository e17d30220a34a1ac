using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core.Endpoints;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Hosting;

/// <summary>
/// Checks the adapters and endpoints at start-up, then starts the inbound adapters once the hub behind them (database,
/// bus, endpoints) is ready, and stops them first on shutdown.
/// </summary>
internal sealed partial class InboundAdapterHost(
    IEnumerable<IInboundAdapter> adapters,
    EndpointTopology topology,
    ILogger<InboundAdapterHost> logger) : IHostedService
{
    private readonly List<IInboundAdapter> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var all = adapters.ToList();
        var problems = all.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"two inbound adapters are named '{g.Key}'")
            .Concat(all.Where(a => !a.Capabilities.Direction.HasFlag(AdapterDirection.Inbound))
                .Select(a => $"adapter '{a.Name}' is registered as inbound but does not declare the Inbound capability"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The adapter configuration is not usable: " + string.Join("; ", problems));
        }

        LogEndpoints(logger, string.Join(", ", topology.Current.EndpointNames));
        foreach (var adapter in all)
        {
            await adapter.StartAsync(cancellationToken);
            _started.Add(adapter);
            LogStarted(logger, adapter.Name);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(cancellationToken);
        }

        _started.Clear();
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Business endpoints: {Endpoints}")]
    private static partial void LogEndpoints(ILogger logger, string endpoints);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Inbound adapter '{Adapter}' started")]
    private static partial void LogStarted(ILogger logger, string adapter);
}
