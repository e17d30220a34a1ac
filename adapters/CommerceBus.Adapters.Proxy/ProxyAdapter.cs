using System.Diagnostics;
using System.Net;
using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.Proxy.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace CommerceBus.Adapters.Proxy;

/// <summary>
/// The HTTP pass-through proxy: fronts legacy HTTP/SOAP services under path prefixes of the hub, choosing the
/// destination by an HTTP header or a SOAP element, forwarded by YARP. It hands nothing to the hub's pipeline and
/// journals nothing: proxied traffic is the destination's business, and a journal write per request would cost more
/// than the forwarding itself.
/// </summary>
public sealed class ProxyAdapter(IOptions<ProxyAdapterOptions> options, IHttpForwarder forwarder) : IHttpInboundAdapter, IDisposable
{
    public const string AdapterName = "proxy";

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        // As YARP recommends for forwarding: no proxy, no redirects, no decompression, no cookies, no tracing headers
        // of the hub's own (the client's are forwarded as they are).
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        ConnectTimeout = options.Value.ConnectTimeout,
        SslOptions = DestinationTrust.For(options.Value.TrustedDestinationThumbprints) ?? new(),
    });

    public string Name => AdapterName;

    public AdapterCapabilities Capabilities { get; } = new()
    {
        Direction = AdapterDirection.Inbound,
        RequestReply = true,
    };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var config = new ForwarderRequestConfig { ActivityTimeout = options.Value.ActivityTimeout };
        foreach (var (name, settings) in options.Value.Routes)
        {
            var route = ProxyRoute.From(name, settings);
            var handler = new ProxyRequestHandler(route, forwarder, _client, config);
            endpoints.Map(route.PathPrefix, handler.HandleAsync).WithDisplayName($"proxy {name}");
            endpoints.Map(route.PathPrefix + "/{**rest}", handler.HandleAsync).WithDisplayName($"proxy {name}");
        }
    }

    public void Dispose() => _client.Dispose();
}
