using System.Globalization;
using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core.Bus;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Journal;
using CommerceBus.Observability;
using CommerceBus.Observability.Heartbeats;
using CommerceBus.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommerceBus.OperatorConsole.Endpoints;

/// <summary>
/// Reads the endpoints page: each endpoint's connector, address, retry policy, breaker, heartbeat and last error; each
/// listener with its connections (the HTTP server's as Kestrel counts them, the TCP adapter's own); each broker
/// connection (an inbound adapter's, and the bus's as its readiness check finds it).
/// </summary>
public sealed class EndpointsQuery(
    EndpointTopology topology,
    IEndpointHeartbeats heartbeats,
    KestrelConnections kestrel,
    IConfiguration configuration,
    IEnumerable<IInboundAdapter> adapters,
    IServer server,
    HealthCheckService health,
    IDbContextFactory<HubDbContext> databases)
{
    private const string HttpServer = "http server";

    private static readonly string[] AddressKeys = ["BaseUrl", "Address", "Queue"];
    private static readonly string[] SecretWords = ["password", "secret", "key", "token", "credential"];

    public async Task<IReadOnlyList<EndpointView>> EndpointsAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var lastErrors = await db.Journal.AsNoTracking()
            .Where(e => e.Direction == JournalDirection.Outbound && e.Outcome == JournalOutcomes.Failed && e.Destination != null)
            .OrderByDescending(e => e.Id)
            .Take(500)
            .Select(e => new { e.Destination, e.Detail, e.CompletedAt })
            .ToListAsync(cancellationToken);
        var snapshot = topology.Current;
        var states = heartbeats.States;
        return [.. snapshot.EndpointNames.Order(StringComparer.OrdinalIgnoreCase).Select(name =>
        {
            var settings = configuration.GetSection($"CommerceBus:Endpoints:{name}");
            var state = states.GetValueOrDefault(name);
            var last = lastErrors.FirstOrDefault(e => string.Equals(e.Destination, name, StringComparison.OrdinalIgnoreCase));
            return new EndpointView(
                name,
                snapshot.KindOf(name) ?? "?",
                AddressOf(settings),
                Describe(snapshot.Retries.For(name)),
                state?.IsUp,
                state?.Since,
                last?.Detail ?? state?.LastError,
                last?.CompletedAt,
                snapshot.BreakerOf(name),
                [.. Flatten(settings).Where(s => !AddressKeys.Contains(s.Key, StringComparer.OrdinalIgnoreCase) && s.Key != "Connector")]);
        })];
    }

    public IReadOnlyList<AdapterView> Adapters()
    {
        var counting = kestrel.IsCounting;
        var onHttp = adapters.Where(a => a is IHttpInboundAdapter).Select(a => a.Name).Order(StringComparer.Ordinal).Append("this console");
        var shared = $"shared by {string.Join(", ", onHttp)}";
        var http = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Order(StringComparer.Ordinal).Select(address => new AdapterView(
            HttpServer, nameof(AdapterDirection.Inbound), address, counting ? kestrel.Of(address) : null,
            counting ? $"{shared}; counted by Kestrel (kestrel.active_connections)" : $"{shared}; this server does not count its connections"));
        return [.. http, .. adapters.OrderBy(a => a.Name, StringComparer.Ordinal).SelectMany(adapter => adapter switch
        {
            IListeningAdapter listening => listening.Listeners.Select(l => new AdapterView(
                $"{adapter.Name} / {l.Name}", adapter.Capabilities.Direction.ToString(), string.Join(", ", l.Addresses), (l.OpenConnections, l.RefusedConnections), null)),
            IHttpInboundAdapter => [new AdapterView(adapter.Name, adapter.Capabilities.Direction.ToString(), HttpServer, null, "on the hub's HTTP server: its connections are the server's")],
            IConnectedAdapter => [new AdapterView(adapter.Name, adapter.Capabilities.Direction.ToString(), "—", null, "listens on no port: it connects to its broker (broker connections)")],
            _ => [new AdapterView(adapter.Name, adapter.Capabilities.Direction.ToString(), "—", null, "does not report listeners")],
        })];
    }

    /// <summary>The inbound adapters' broker connections, and the bus's as its readiness check (<c>broker</c>) finds it.</summary>
    public async Task<IReadOnlyList<ConnectionView>> ConnectionsAsync(CancellationToken cancellationToken)
    {
        var views = adapters.OrderBy(a => a.Name, StringComparer.Ordinal)
            .Where(a => a is IConnectedAdapter)
            .Select(a => (a.Name, ((IConnectedAdapter)a).Connection))
            .Select(c => new ConnectionView($"{c.Name} intake", c.Connection.Address, c.Connection.State, c.Connection.Since, c.Connection.LastError))
            .ToList();
        if (views.Count == 0)
        {
            views.Add(new ConnectionView("amqp intake", "—", null, null, "not configured: no inbound adapter connects to a broker (CommerceBus:Adapters:RabbitMq:ConnectionString)"));
        }

        var bus = RabbitMqBusOptions.From(configuration.GetSection("CommerceBus"));
        if (!bus.Enabled)
        {
            views.Add(new ConnectionView("bus", "in memory", null, null, "not configured: the bus runs in memory, without a broker (CommerceBus:RabbitMq:ConnectionString)"));
            return views;
        }

        var report = await health.CheckHealthAsync(r => r.Name == ObservabilityServiceCollectionExtensions.BrokerCheck, cancellationToken);
        if (!report.Entries.TryGetValue(ObservabilityServiceCollectionExtensions.BrokerCheck, out var check))
        {
            views.Add(new ConnectionView("bus", WithoutCredentials(bus.ConnectionString!), null, null, "the broker check is not registered (observability off)"));
            return views;
        }

        // No receive endpoint listed yet: the bus has not consumed since the start; one not consuming: it lost the broker.
        var state = check.Status == HealthStatus.Healthy ? ConnectionState.Connected
            : check.Data.Count == 0 ? ConnectionState.Connecting
            : ConnectionState.Down;
        views.Add(new ConnectionView("bus", WithoutCredentials(bus.ConnectionString!), state, null, check.Description ?? check.Exception?.Message));
        return views;
    }

    private static string WithoutCredentials(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? new UriBuilder(parsed) { UserName = "", Password = "" }.Uri.ToString() : "—";

    private static string AddressOf(IConfigurationSection settings)
    {
        foreach (var key in AddressKeys)
        {
            if (settings[key] is { Length: > 0 } value)
            {
                return key == "Queue" ? $"queue {value}" : value;
            }
        }

        return settings["Host"] is { Length: > 0 } host ? $"{host}:{settings["Port"]}" : "—";
    }

    private static string Describe(RetryPolicy policy) =>
        $"{policy.Immediate} immediate; delayed: {(policy.Delayed.Count == 0 ? "none" : string.Join(", ", policy.Delayed.Select(d => d.ToString("c", CultureInfo.InvariantCulture))))}; then parked";

    private static IEnumerable<KeyValuePair<string, string>> Flatten(IConfigurationSection section) =>
        section.AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new KeyValuePair<string, string>(p.Key, SecretWords.Any(w => p.Key.Contains(w, StringComparison.OrdinalIgnoreCase)) ? "(hidden)" : p.Value!));
}
