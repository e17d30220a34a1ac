using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.OData;

/// <summary>
/// The OData v4 query API of <c>contracts/wire/rest.md</c>: read-only queries over orders, the message journal, sagas
/// and failed messages. It takes no commands, so it never calls the gateway.
/// </summary>
public sealed class ODataAdapter(IOptions<ODataAdapterOptions> options) : IHttpInboundAdapter
{
    public const string AdapterName = "odata";

    public string Name => AdapterName;

    public AdapterCapabilities Capabilities { get; } = new()
    {
        Direction = AdapterDirection.Inbound,
        RequestReply = true,
        SupportsCancel = false,
        SupportsStatusQuery = true,
    };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void UseMiddleware(IApplicationBuilder app) =>
        app.UseMiddleware<ODataErrorMiddleware>("/" + options.Value.RoutePrefix.Trim('/'));

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapControllers();
}
