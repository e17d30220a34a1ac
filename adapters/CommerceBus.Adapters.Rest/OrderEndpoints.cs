using System.Text.Json;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.Rest;

/// <summary>The handlers of the order resource: translate HTTP JSON to canonical commands and the hub's answers back.</summary>
internal static class OrderEndpoints
{
    public static async Task<IResult> PlaceAsync(HttpContext http, IInboundGateway hub, IOptions<RestAdapterOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadJsonAsync(http, options.Value, required: true, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (body)
        {
            var order = OrderJsonReader.ReadPlaceOrder(body!.RootElement, out var translationErrors);
            var result = await hub.SubmitAsync(Inbound(http, order, translationErrors, options.Value), cancellationToken);
            return RestAnswers.ForPlace(result, options.Value.BasePath);
        }
    }

    public static async Task<IResult> GetAsync(string orderNumber, IInboundGateway hub, CancellationToken cancellationToken)
    {
        var status = await hub.GetStatusAsync(OrderFamily.Name, orderNumber, cancellationToken);
        return status is null
            ? RestAnswers.Problem(StatusCodes.Status404NotFound, "Unknown order", $"Order {orderNumber} is not known to the hub.")
            : Results.Ok(new OrderStatusBody(status.Key, status.TrackingId, status.Status, status.Reason, status.UpdatedAt));
    }

    public static async Task<IResult> CancelAsync(string orderNumber, HttpContext http, IInboundGateway hub, IOptions<RestAdapterOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadJsonAsync(http, options.Value, required: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (body)
        {
            var cancel = OrderJsonReader.ReadCancelOrder(body?.RootElement ?? default, orderNumber, out var translationErrors);
            var result = await hub.SubmitAsync(Inbound(http, cancel, translationErrors, options.Value), cancellationToken);
            return RestAnswers.ForCancel(result);
        }
    }

    private static InboundMessage Inbound(HttpContext http, object command, IReadOnlyList<FieldError> translationErrors, RestAdapterOptions options)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in http.Request.Headers)
        {
            if (name.StartsWith(options.KeptHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                headers[name.ToLowerInvariant()] = value.ToString();
            }
        }

        return new InboundMessage
        {
            Command = command,
            SourceAdapter = RestAdapter.AdapterName,
            CorrelationId = http.Request.Headers["X-Correlation-ID"].FirstOrDefault(),
            MessageId = Guid.TryParse(http.Request.Headers["Idempotency-Key"].FirstOrDefault(), out var id) ? id : null,
            Headers = headers,
            TranslationErrors = translationErrors,
        };
    }

    private static async Task<(JsonDocument? Body, IResult? Problem)> ReadJsonAsync(HttpContext http, RestAdapterOptions options, bool required, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBodyBytes;
        }

        if (http.Request.ContentLength > options.MaxBodyBytes)
        {
            return (null, TooLarge(options));
        }

        if (http.Request.ContentLength is 0 || (http.Request.ContentLength is null && !http.Request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return required
                ? (null, RestAnswers.Problem(StatusCodes.Status400BadRequest, "Missing body", "The request needs a JSON body; see contracts/wire/examples/place-order.json."))
                : (null, null);
        }

        if (!http.Request.HasJsonContentType())
        {
            return (null, RestAnswers.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", NotJson(http.Request.ContentType)));
        }

        try
        {
            var document = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
            return (document, null);
        }
        catch (JsonException ex)
        {
            return (null, RestAnswers.Problem(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); nothing was accepted."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(options));
        }
        catch (BadHttpRequestException ex)
        {
            // A body arriving too slowly (MinRequestBodyDataRate) or cut short: the bad-input suite found these were 500s.
            return (null, RestAnswers.Problem(ex.StatusCode, "Unreadable body", $"The body could not be read: {ex.Message} Nothing was accepted."));
        }
        catch (ConnectionResetException)
        {
            // The client is gone; nobody reads this answer, but it keeps a vanished client from being logged as a hub error.
            return (null, RestAnswers.Problem(StatusCodes.Status400BadRequest, "Connection reset", "The client reset the connection before the body was complete; nothing was accepted."));
        }
    }

    /// <summary>The reason of a 415: what was sent and what to send instead.</summary>
    public static string NotJson(string? contentType) =>
        $"The body must be JSON (Content-Type: application/json), not '{contentType}'; nothing was accepted.";

    private static IResult TooLarge(RestAdapterOptions options) =>
        RestAnswers.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body is larger than {options.MaxBodyBytes} bytes; nothing was accepted.");
}
