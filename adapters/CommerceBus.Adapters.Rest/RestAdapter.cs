using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.Rest;

/// <summary>
/// The REST order intake of <c>contracts/wire/rest.md</c>: place, cancel and look up orders over HTTP JSON, with
/// RFC 7807 problem details for everything refused.
/// </summary>
public sealed class RestAdapter(IOptions<RestAdapterOptions> options) : IHttpInboundAdapter
{
    public const string AdapterName = "rest";

    public string Name => AdapterName;

    public AdapterCapabilities Capabilities { get; } = new()
    {
        Direction = AdapterDirection.Inbound,
        RequestReply = true,
        SupportsCancel = true,
        SupportsStatusQuery = true,
        MaxMessageBytes = options.Value.MaxBodyBytes,
    };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup(options.Value.BasePath).WithTags("Orders");
        orders.MapPost("", OrderEndpoints.PlaceAsync).WithName("PlaceOrder");
        orders.MapGet("{orderNumber}", OrderEndpoints.GetAsync).WithName("GetOrder");
        orders.MapPost("{orderNumber}/cancel", OrderEndpoints.CancelAsync).WithName("CancelOrder");
    }
}
