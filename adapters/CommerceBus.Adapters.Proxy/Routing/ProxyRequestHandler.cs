using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Adapters.Proxy.Soap;
using CommerceBus.Adapters.Proxy.Streaming;
using CommerceBus.Adapters.Proxy.Transforms;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace CommerceBus.Adapters.Proxy.Routing;

/// <summary>
/// Serves one route: reads the routing value (a header, or a SOAP element by streaming only up to it), picks the
/// destination, applies the transformation and forwards with YARP's <see cref="IHttpForwarder"/>. Nothing is journaled:
/// proxied traffic is not an order the hub accepted, and the client sees the destination's own answer.
/// </summary>
internal sealed class ProxyRequestHandler(ProxyRoute route, IHttpForwarder forwarder, HttpMessageInvoker client, ForwarderRequestConfig config)
{
    private const string Forwarded = "forwarded";
    private const string Refused = "refused";
    private const string Failed = "failed";

    private readonly RoutePathTransformer _transformer = new(route.PathPrefix);

    /// <summary>Serves the request and counts it on the hub's meter (<c>commercebus.proxy.requests</c>, <c>.request.duration</c>).</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = Failed;
        try
        {
            outcome = await ServeAsync(context).ConfigureAwait(false);
        }
        finally
        {
            // Labels are the configured route name and three outcomes: bounded.
            var name = new KeyValuePair<string, object?>(HubAttributes.Labels.Route, route.Name);
            var result = new KeyValuePair<string, object?>(HubAttributes.Labels.Outcome, outcome);
            HubTelemetry.ProxyRequests.Add(1, name, result);
            HubTelemetry.ProxyRequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, name, result);
        }
    }

    /// <summary>Forwards or refuses the request: <c>forwarded</c> (the destination's answer, whatever its status, went back), <c>refused</c> or <c>failed</c> (YARP could not forward).</summary>
    private async Task<string> ServeAsync(HttpContext context)
    {
        string? value = null;
        if (route.Kind == ProxyMatchKind.Header)
        {
            var values = context.Request.Headers[route.Header!];
            value = values.Count > 0 ? values[0] : null;
        }
        else if (route.Path is not null)
        {
            var scanned = await ScanAsync(context).ConfigureAwait(false);
            if (scanned is null)
            {
                return Refused;
            }

            value = scanned.Value.Value;
        }

        var destination = route.DestinationFor(value);
        if (destination is null)
        {
            await ProxyRefusals.WriteAsync(context, route, StatusCodes.Status404NotFound, "No proxy destination",
                value is null
                    ? $"route '{route.Name}' found no {What()} to route by and has no default Destination"
                    : $"route '{route.Name}' has no case for {What()} '{value}' and no default Destination").ConfigureAwait(false);
            return Refused;
        }

        if (route.Transform == ProxyTransform.SoapPlaceOrderToJson && !await TransformAsync(context).ConfigureAwait(false))
        {
            return Refused;
        }

        var error = await forwarder.SendAsync(context, destination, client, config, _transformer).ConfigureAwait(false);
        return error == ForwarderError.None ? Forwarded : Failed;
    }

    private string What() => route.Kind switch
    {
        ProxyMatchKind.Header => $"header {route.Header}",
        ProxyMatchKind.SoapHeader => $"SOAP Header element {route.Path}",
        ProxyMatchKind.SoapBody => $"SOAP Body element {route.Path}",
        _ => "value",
    };

    // Reads up to the element only; the body forwarded afterwards is the consumed prefix followed by the unread rest.
    private async Task<SoapScanResult?> ScanAsync(HttpContext context)
    {
        var original = context.Request.Body;
        var recording = new RecordingStream(original, route.MaxScanBytes);
        var forwarded = new PrefixedStream(recording, original);
        context.Response.RegisterForDispose(forwarded);
        var section = route.Kind == ProxyMatchKind.SoapHeader ? SoapSection.Header : SoapSection.Body;
        var result = await SoapElementScanner.FindAsync(recording, section, route.Path!, route.MaxDepth, context.RequestAborted).ConfigureAwait(false);
        context.Request.Body = forwarded;
        if (recording.LimitReached && result.Outcome != SoapScanOutcome.Found)
        {
            await ProxyRefusals.WriteAsync(context, route, StatusCodes.Status413PayloadTooLarge, "SOAP element not found in time",
                $"{What()} was not within the first {route.MaxScanBytes} bytes (CommerceBus:Proxy:Routes:{route.Name}:MaxScanBytes)").ConfigureAwait(false);
            return null;
        }

        if (result.Outcome == SoapScanOutcome.Malformed)
        {
            await ProxyRefusals.WriteAsync(context, route, StatusCodes.Status400BadRequest, "Malformed SOAP request", result.Problem!).ConfigureAwait(false);
            return null;
        }

        return result;
    }

    private async Task<bool> TransformAsync(HttpContext context)
    {
        if (context.Request.ContentLength > route.MaxTransformBytes)
        {
            await RefuseTooLargeAsync(context).ConfigureAwait(false);
            return false;
        }

        // The body is replaced, so it is read whole (bounded) and parsed synchronously from memory: cheaper than an
        // asynchronous XmlReader over the request stream, whose buffers alone are about 100 KB per request.
        using var limited = new RecordingStream(context.Request.Body, route.MaxTransformBytes + 1);
        while (!limited.Complete && limited.Recorded.Length <= route.MaxTransformBytes)
        {
            await limited.FillAsync((int)Math.Clamp(limited.Recorded.Length * 2L, SoapElementScanner.FirstChunkBytes, int.MaxValue), int.MaxValue, context.RequestAborted).ConfigureAwait(false);
        }

        if (limited.Recorded.Length > route.MaxTransformBytes)
        {
            await RefuseTooLargeAsync(context).ConfigureAwait(false);
            return false;
        }

        var result = SoapPlaceOrderToJson.Rewrite(limited.Recorded);

        if (result.Body is null)
        {
            await ProxyRefusals.WriteAsync(context, route, StatusCodes.Status400BadRequest, "SOAP request cannot be transformed", result.Problem!).ConfigureAwait(false);
            return false;
        }

        // The SOAP envelope is no longer what is sent: its action header would only confuse the JSON service.
        context.Request.Headers.Remove("SOAPAction");
        context.Request.Headers.Remove("Transfer-Encoding");
        context.Request.ContentType = result.ContentType;
        context.Request.ContentLength = result.Body.Length;
        context.Request.Body = new MemoryStream(result.Body, writable: false);
        return true;
    }

    private Task RefuseTooLargeAsync(HttpContext context) =>
        ProxyRefusals.WriteAsync(context, route, StatusCodes.Status413PayloadTooLarge, "SOAP request too large to transform",
            $"the body is larger than {route.MaxTransformBytes} bytes (CommerceBus:Proxy:Routes:{route.Name}:MaxTransformBytes)");
}
