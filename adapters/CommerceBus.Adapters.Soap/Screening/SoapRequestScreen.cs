using System.Net.Http.Headers;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Wire;
using CommerceBus.Adapters.Soap.Wsdl;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.Soap.Screening;

/// <summary>
/// The middleware in front of SoapCore on the OrderService path: serves the WSDL, enforces the body size limit,
/// screens the envelope with <see cref="EnvelopeScreen"/> and answers anything wrong with a fault of the request's
/// SOAP version. Only screened requests reach SoapCore, with their SOAPAction normalized.
/// </summary>
/// <remarks>
/// Every fault goes out with HTTP 500, as WCF sends them: the legacy clients were built against WCF and read faults
/// from 500 responses, on SOAP 1.2 too. Nothing refused here reaches the hub, so nothing is journaled as accepted.
/// </remarks>
internal sealed partial class SoapRequestScreen(RequestDelegate next, IOptions<SoapAdapterOptions> options, WsdlDocument wsdl, TimeProvider clock, ILogger<SoapRequestScreen> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            await GetAsync(http);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "GET, POST";
            return;
        }

        var limit = options.Value.MaxBodyBytes;
        var announced = SoapVersions.FromContentType(request.ContentType) ?? SoapVersion.Soap11;
        ReadOnlyMemory<byte>? body;
        try
        {
            body = request.ContentLength > limit ? null : await ReadAsync(http, limit);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode != StatusCodes.Status413PayloadTooLarge)
        {
            // A body arriving too slowly (MinRequestBodyDataRate) or cut short: the bad-input suite found these were 500s without a fault.
            await RefuseAsync(http, announced, SoapFault.Sender($"The request body could not be read: {ex.Message} Nothing was accepted."));
            return;
        }
        catch (ConnectionResetException)
        {
            // The client is gone: nothing to answer, and not a hub error to log.
            return;
        }

        if (body is null)
        {
            await RefuseAsync(http, announced, SoapFault.Sender($"The request body is larger than the limit of {limit} bytes. Nothing was accepted."));
            return;
        }

        var verdict = EnvelopeScreen.Inspect(body.Value, request.ContentType, request.Headers["SOAPAction"].FirstOrDefault(), WsSecurityHeader.UnderstoodBy(http));
        if (verdict.Fault is not null)
        {
            await RefuseAsync(http, verdict.Version, verdict.Fault);
            return;
        }

        // SoapCore dispatches on the SOAPAction header first; stating the screened operation's action makes an empty
        // or absent one (allowed) dispatch the same way.
        http.Items[typeof(SoapVersion)] = verdict.Version;
        request.Headers["SOAPAction"] = $"\"{LegacyOrderContract.Actions[verdict.Operation!]}\"";

        // SoapCore answers with the request's Content-Type; a SOAP 1.2 request's action parameter does not belong on
        // the response, so it goes (the action is in the SOAPAction header now).
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            && media.Parameters.FirstOrDefault(p => string.Equals(p.Name, "action", StringComparison.OrdinalIgnoreCase)) is { } action)
        {
            media.Parameters.Remove(action);
            request.ContentType = media.ToString();
        }

        request.Body = new MemoryStream(body.Value.ToArray(), writable: false);
        request.ContentLength = body.Value.Length;
        if (!WsSecurityHeader.VerifiedBy(http))
        {
            await next(http);
            return;
        }

        // A client that authenticated with WS-Security gets a security header back (WsSecurityReply).
        var response = http.Response.Body;
        using var reply = new MemoryStream();
        http.Response.Body = reply;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = response;
        }

        var secured = WsSecurityReply.AddTo(reply.ToArray(), clock.GetUtcNow());
        http.Response.ContentLength = secured.Length;
        await response.WriteAsync(secured, http.RequestAborted);
    }

    private async Task GetAsync(HttpContext http)
    {
        var request = http.Request;
        var address = string.IsNullOrWhiteSpace(options.Value.PublicAddress)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}{options.Value.Path}"
            : options.Value.PublicAddress;
        if (request.Query.ContainsKey("wsdl") || request.Query.ContainsKey("singleWsdl"))
        {
            http.Response.ContentType = "text/xml; charset=utf-8";
            await http.Response.Body.WriteAsync(wsdl.Render(address), http.RequestAborted);
            return;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(
            $"CommerceBus OrderService. POST SOAP 1.1 (text/xml) or SOAP 1.2 (application/soap+xml) envelopes to {address}; the WSDL is at {address}?wsdl.\n",
            http.RequestAborted);
    }

    /// <summary>Reads the body up to the limit; null when it is longer (the rest is not read).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpContext http, int limit)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size && size.MaxRequestBodySize < limit + 1L)
        {
            size.MaxRequestBodySize = limit + 1L;
        }

        using var copy = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (copy.Length + read > limit)
            {
                return null;
            }

            copy.Write(chunk, 0, read);
        }

        return new ReadOnlyMemory<byte>(copy.GetBuffer(), 0, (int)copy.Length);
    }

    private async Task RefuseAsync(HttpContext http, SoapVersion version, SoapFault fault)
    {
        LogRefused(logger, version.Describe(), fault.Code, fault.Reason);
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        http.Response.ContentType = version.ContentType();
        await http.Response.Body.WriteAsync(SoapFaultWriter.Envelope(version, fault), http.RequestAborted);
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "{Version} request refused before reaching the hub ({Code}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string version, SoapFaultCode code, string reason);
}
