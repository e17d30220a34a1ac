using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace CommerceBus.Adapters.Proxy.Routing;

/// <summary>YARP's default request transformation, with the route's path prefix taken off: <c>/prefix/rest?q</c> goes to <c>destination/rest?q</c>.</summary>
internal sealed class RoutePathTransformer(string pathPrefix) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        var rest = httpContext.Request.Path.Value is { } path && path.Length > pathPrefix.Length ? new PathString(path[pathPrefix.Length..]) : PathString.Empty;
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, rest, httpContext.Request.QueryString);
    }
}
