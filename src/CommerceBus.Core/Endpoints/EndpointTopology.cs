using CommerceBus.Abstractions.Outbound;
using CommerceBus.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace CommerceBus.Core.Endpoints;

/// <summary>
/// The routes and the endpoints with their connectors, validated, built and swapped together as one
/// <see cref="TopologySnapshot"/>; a configuration reload builds a whole new snapshot and puts it in force only when it
/// has no problem, otherwise the last good one stays and the refusal is logged with every problem.
/// </summary>
/// <remarks>
/// YARP's configuration manager is the model: build fully, validate cross-references (every route names an endpoint of
/// the same snapshot, every endpoint has its connector), swap atomically, keep the last good. A removed or changed
/// endpoint's connector is disposed once neither a snapshot nor a delivery in flight uses it.
/// A message routed under one snapshot and delivered under a newer one that removed its endpoint fails that delivery
/// (and is retried, then parked): removing an endpoint together with its route is allowed, so drain first what matters.
/// </remarks>
public sealed class EndpointTopology : IRoutingTableSource, IAsyncDisposable
{
    private readonly IConfiguration _commerceBus;
    private readonly Dictionary<string, IConnectorFactory> _factories;
    private readonly ILogger<EndpointTopology> _logger;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly IDisposable _subscription;
    private TopologySnapshot _current;
    private TopologyRefusal? _lastRefusal;
    private long _loadedAtTicks;
    private bool _disposed;

    /// <exception cref="RoutingConfigurationException">The routing table is invalid (and every endpoint is usable).</exception>
    /// <exception cref="InvalidOperationException">An endpoint is not usable; the message lists every problem, routing ones too.</exception>
    public EndpointTopology(IConfiguration commerceBusSection, IEnumerable<IConnectorFactory> factories, ILogger<EndpointTopology> logger, TimeProvider clock)
    {
        _commerceBus = commerceBusSection;
        _factories = factories.ToDictionary(f => f.Kind, StringComparer.OrdinalIgnoreCase);
        _logger = logger;
        _clock = clock;

        // No sync context here (a container resolving a singleton): waiting on the build is safe.
        var build = TopologyBuild.RunAsync(_commerceBus, _factories, null, 1, logger).GetAwaiter().GetResult();
        if (build.Snapshot is null)
        {
            if (build.EndpointProblems.Count == 0)
            {
                throw new RoutingConfigurationException(build.RoutingProblems);
            }

            throw new InvalidOperationException("The endpoint configuration is not usable:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", build.Problems));
        }

        _current = build.Snapshot;
        _loadedAtTicks = clock.GetUtcNow().UtcTicks;
        var table = _current.Routes;
        TopologyLog.Loaded(logger, _current.Version, table.RuleCount, table.Mode, DescribeDefault(table), string.Join(", ", _current.EndpointNames));
        _subscription = ChangeToken.OnChange(_commerceBus.GetReloadToken, () => _ = ReloadAsync());
    }

    /// <summary>The snapshot in force; read it once per message so one message sees one topology.</summary>
    public TopologySnapshot Current => Volatile.Read(ref _current);

    IRoutingTable IRoutingTableSource.Current => Current.Routes;

    /// <summary>When the snapshot in force was put in force: at start-up, or by the last accepted reload.</summary>
    public DateTimeOffset LoadedAt => new(Interlocked.Read(ref _loadedAtTicks), TimeSpan.Zero);

    /// <summary>The last reload refused since start-up, or null; a later accepted reload does not clear it.</summary>
    public TopologyRefusal? LastRefusal => Volatile.Read(ref _lastRefusal);

    /// <summary>
    /// The connector of <paramref name="endpoint"/> in the snapshot in force, held for one delivery: a reload that
    /// removes the endpoint meanwhile disposes the connector only after the lease is disposed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The snapshot in force has no such endpoint.</exception>
    public ConnectorLease Lease(string endpoint)
    {
        // A reload may retire the read snapshot between the read and the acquire; the next read sees the newer one,
        // so a second attempt succeeds unless reloads keep landing in that instant.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            if (!Current.Endpoints.TryGetValue(endpoint, out var handle))
            {
                throw new InvalidOperationException($"The route names endpoint '{endpoint}', which is not configured under CommerceBus:Endpoints.");
            }

            if (handle.TryAcquire())
            {
                return new ConnectorLease(handle);
            }
        }

        throw new InvalidOperationException($"Endpoint '{endpoint}': the topology changed during every attempt to use its connector.");
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();

        // A reload in progress only makes connectors (no I/O), so it ends quickly; the bound keeps a stuck factory
        // from holding up the host's shutdown, which then closes the connectors in force without waiting for it.
        var entered = await _reloading.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var handle in _current.Endpoints.Values)
            {
                await handle.ReleaseAsync();
            }
        }
        finally
        {
            if (entered)
            {
                _reloading.Release();
            }
        }
    }

    private async Task ReloadAsync()
    {
        // A file watcher may fire more than once for one save; reloads run one at a time and each builds from the
        // configuration as it is then, so the last one in force is the newest.
        await _reloading.WaitAsync();
        var inForce = _current;
        try
        {
            if (_disposed)
            {
                return;
            }

            var build = await TopologyBuild.RunAsync(_commerceBus, _factories, inForce, inForce.Version + 1, _logger);
            if (build.Snapshot is not { } next)
            {
                var problems = build.Problems;
                Volatile.Write(ref _lastRefusal, new TopologyRefusal(_clock.GetUtcNow(), problems));
                TopologyLog.ReloadRejected(_logger, inForce.Version, problems.Count, string.Concat(problems.Select(p => $"{Environment.NewLine} - {p}")));
                return;
            }

            Volatile.Write(ref _current, next);
            Interlocked.Exchange(ref _loadedAtTicks, _clock.GetUtcNow().UtcTicks);
            var removed = inForce.EndpointNames.Where(n => !next.Endpoints.ContainsKey(n)).ToList();
            var table = next.Routes;
            TopologyLog.Reloaded(_logger, next.Version, table.RuleCount, table.Mode, DescribeDefault(table), string.Join(", ", next.EndpointNames),
                build.Changed.Count == 0 ? "none" : string.Join(", ", build.Changed),
                removed.Count == 0 ? "none" : string.Join(", ", removed));

            // The old snapshot's uses end here; connectors the new one kept stay open, the others close once their
            // deliveries in flight end.
            foreach (var handle in inForce.Endpoints.Values)
            {
                await handle.ReleaseAsync();
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Nobody awaits a reload: say what happened instead of leaving an unobserved task.
            TopologyLog.ReloadFailed(_logger, exception, inForce.Version);
        }
        finally
        {
            _reloading.Release();
        }
    }

    private static string DescribeDefault(IRoutingTable table) =>
        table.DefaultEndpoints is null ? "none (unroutable)" : $"[{string.Join(", ", table.DefaultEndpoints)}]";
}
