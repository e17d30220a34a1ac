using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace CommerceBus.Abstractions.Inbound;

/// <summary>An inbound adapter served by the hub's own HTTP server: it maps its routes (and middleware) there.</summary>
public interface IHttpInboundAdapter : IInboundAdapter
{
    /// <summary>Adds middleware that must run before routing (SoapCore, say); most adapters add none.</summary>
    void UseMiddleware(IApplicationBuilder app)
    {
    }

    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
