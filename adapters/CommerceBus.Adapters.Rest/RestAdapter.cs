using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;
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
        // The handlers read their bodies themselves (size limit, field errors), so the OpenAPI document learns the
        // bodies and answers from this metadata.
        orders.MapPost("", OrderEndpoints.PlaceAsync).WithName("PlaceOrder")
            .Accepts<PlaceOrder>("application/json")
            .Produces<OrderAcceptedBody>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        orders.MapGet("{orderNumber}", OrderEndpoints.GetAsync).WithName("GetOrder")
            .Produces<OrderStatusBody>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapPost("{orderNumber}/cancel", OrderEndpoints.CancelAsync).WithName("CancelOrder")
            .Accepts<CancelRequestBody>("application/json")
            .Produces<OrderAcceptedBody>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
