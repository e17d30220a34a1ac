using System.Globalization;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Journal;
using CommerceBus.Observability.Heartbeats;
using CommerceBus.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.OperatorConsole.Endpoints;

/// <summary>Reads the endpoints page: each endpoint's connector, address, retry policy, heartbeat and last error, and each inbound adapter's listeners.</summary>
public sealed class EndpointsQuery(
    EndpointTopology topology,
    RetryPolicies retries,
    IEndpointHeartbeats heartbeats,
    IConfiguration configuration,
    IEnumerable<IInboundAdapter> adapters,
    IServer server,
    IDbContextFactory<HubDbContext> databases)
{
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
                Describe(retries.For(name)),
                state?.IsUp,
                state?.Since,
                last?.Detail ?? state?.LastError,
                last?.CompletedAt,
                [.. Flatten(settings).Where(s => !AddressKeys.Contains(s.Key, StringComparer.OrdinalIgnoreCase) && s.Key != "Connector")]);
        })];
    }

    public IReadOnlyList<AdapterView> Adapters()
    {
        var http = string.Join(", ", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        return [.. adapters.OrderBy(a => a.Name, StringComparer.Ordinal).SelectMany(adapter => adapter switch
        {
            IListeningAdapter listening => listening.Listeners.Select(l => new AdapterView(
                $"{adapter.Name} / {l.Name}", adapter.Capabilities.Direction.ToString(), string.Join(", ", l.Addresses), (l.OpenConnections, l.RefusedConnections), null)),
            IHttpInboundAdapter => [new AdapterView(adapter.Name, adapter.Capabilities.Direction.ToString(), http, null,
                "on the hub's HTTP server: its connections are the server's (metric kestrel.active_connections on /metrics)")],
            _ => [new AdapterView(adapter.Name, adapter.Capabilities.Direction.ToString(), "—", null, "does not report listeners")],
        })];
    }

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
