using System.Text.Json;
using System.Text.Json.Nodes;
using CommerceBus.Core.Endpoints;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Operations;
using CommerceBus.Persistence;
using CommerceBus.Routing;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.OperatorConsole.Routes;

/// <summary>The routes page's reads: the table in force (<see cref="EndpointTopology"/>), explains through the hub's router, and messages to explain taken from the hub's own records.</summary>
public sealed class RouteExplainer(EndpointTopology topology, IMessageRouter router, FailedMessageReader failures, IDbContextFactory<HubDbContext> databases)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public RoutesView Current()
    {
        var snapshot = topology.Current;
        var refusal = topology.LastRefusal;
        return new RoutesView(snapshot.Version, topology.LoadedAt, snapshot.Routes.Mode, snapshot.Routes.DefaultEndpoints,
            RoutingTables.Describe(snapshot.Routes), refusal?.At, refusal?.Problems ?? []);
    }

    /// <summary>Explains an explain request as <c>POST /api/routes/explain</c> takes it; the errors name each wrong field.</summary>
    public (RouteExplanation? Explanation, IReadOnlyDictionary<string, string[]> Errors) Explain(string request)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request);
        }
        catch (JsonException exception)
        {
            return (null, new Dictionary<string, string[]> { [""] = [$"Not valid JSON: {exception.Message}"] });
        }

        using (document)
        {
            return RoutingTables.TryReadExplainRequest(document.RootElement, out var message, out var errors)
                ? (router.Explain(message), new Dictionary<string, string[]>())
                : (null, errors);
        }
    }

    /// <summary>An explain request made from a stored failed message: its type, headers and body.</summary>
    public async Task<string?> FromFailedMessageAsync(long id, CancellationToken cancellationToken)
    {
        var message = await failures.GetAsync(id, cancellationToken);
        if (message?.Body is not { } body)
        {
            return null;
        }

        var headers = new JsonObject();
        foreach (var (name, value) in message.Headers)
        {
            headers[name] = value;
        }

        return Request(message.MessageType, headers, JsonNode.Parse(body.GetRawText()));
    }

    /// <summary>An explain request of an accepted order: its PlaceOrder as the saga keeps it.</summary>
    public async Task<string?> FromOrderAsync(string orderNumber, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var json = await db.OrderSagas.AsNoTracking().Where(s => s.OrderNumber == orderNumber).Select(s => s.OrderJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : Request("PlaceOrder", new JsonObject(), JsonNode.Parse(json));
    }

    private static string Request(string type, JsonObject headers, JsonNode? body) =>
        new JsonObject { ["type"] = type, ["headers"] = headers, ["body"] = body }.ToJsonString(Indented);
}
