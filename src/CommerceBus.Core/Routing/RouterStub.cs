// TEMPORARY: stands in for the content-based router being written on the 'router' branch; deleted at its merge.
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Core.Routing;

public sealed record RoutableMessage(string MessageType, IReadOnlyDictionary<string, string> Headers, JsonElement Body);

public sealed record RouteDecision(IReadOnlyList<string> Routes, IReadOnlyList<string> Endpoints, bool IsDefault, bool Unroutable);

public interface IMessageRouter
{
    RouteDecision Route(RoutableMessage message);
}

internal sealed class StubRouter : IMessageRouter
{
    public RouteDecision Route(RoutableMessage message)
    {
        var type = message.MessageType.Split('.')[0];
        string Field(string name) => message.Body.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
        return type switch
        {
            "PlaceOrder" or "CancelOrder" => new(["order-intake"], ["order-fulfillment"], false, false),
            "ReserveStock" or "ReleaseStock" => new(["inventory"], ["inventory"], false, false),
            "CapturePayment" or "RefundPayment" => new(["payments"], ["payments"], false, false),
            "BookOrder" or "CancelBooking" => Field("region") == "EU" ? new(["erp-eu"], ["erp-eu"], false, false) : new(["erp-us"], ["erp-us"], false, false),
            "BookShipment" => message.Body.GetProperty("lines").EnumerateArray().All(l => l.GetProperty("sku").GetString()!.StartsWith("DIG-", StringComparison.Ordinal))
                ? new(["digital-goods-skip-shipping"], [], false, false)
                : new(["shipping"], ["shipping"], false, false),
            _ => new([], [], false, true),
        };
    }
}

public static class RoutingServiceCollectionExtensions
{
    public static IServiceCollection AddCommerceBusRouting(this IServiceCollection services, IConfiguration commerceBusSection)
    {
        _ = commerceBusSection;
        return services.AddSingleton<IMessageRouter, StubRouter>();
    }
}

public static class RouteExplainStub
{
    public static Microsoft.AspNetCore.Builder.IEndpointConventionBuilder MapRouteExplain(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints) =>
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(endpoints, "/api/routes/explain", () => Microsoft.AspNetCore.Http.Results.StatusCode(501));
}
