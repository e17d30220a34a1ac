using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Wire;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.Adapters.Soap.Inbound;

/// <summary>
/// The OrderService operations SoapCore dispatches to: translate the request, hand it to the hub, render the answer.
/// Requests reach it only after <see cref="Screening.SoapRequestScreen"/> has checked the envelope.
/// </summary>
internal sealed class OrderService(IInboundGateway hub, IHttpContextAccessor accessor) : IOrderServiceContract
{
    public async Task<OrderAck> PlaceOrder(LegacyOrder? order)
    {
        var command = OrderTranslator.ToPlaceOrder(order, out var translationErrors);
        var result = await hub.SubmitAsync(Inbound(command, translationErrors), Aborted);
        return OrderAnswers.Ack(result, LegacyOrderContract.PlaceOrder, "Order");
    }

    public async Task<OrderAck> CancelOrder(string? orderNumber, string? reason)
    {
        var command = OrderTranslator.ToCancelOrder(orderNumber, reason);
        var result = await hub.SubmitAsync(Inbound(command, []), Aborted);
        return OrderAnswers.Ack(result, LegacyOrderContract.CancelOrder, "");
    }

    public async Task<LegacyOrderStatus> GetOrderStatus(string? orderNumber)
    {
        // A number that could never be an order is the client's mistake, not an unknown order.
        if (!OrderValidator.IsCode(orderNumber, 12))
        {
            throw new SoapFaultException(new SoapFault(SoapFaultCode.Sender,
                $"GetOrderStatus breaks 1 field rule(s): OrderNumber: must be 1-12 characters of A-Z, 0-9 and '-' (was '{orderNumber}').",
                [new SoapFieldError("OrderNumber", "orderNumber", "must be 1-12 characters of A-Z, 0-9 and '-'")]));
        }

        var status = await hub.GetStatusAsync(OrderFamily.Name, orderNumber!, Aborted);
        return status is null
            ? throw new SoapFaultException(SoapFault.Sender($"{OrderAnswers.NotFoundPrefix}Order {orderNumber} is not known to the hub."))
            : OrderAnswers.Status(status);
    }

    private CancellationToken Aborted => accessor.HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>The SOAP version, and the authenticated client the hub's security layer named on the request.</summary>
    private static Dictionary<string, string> HeadersOf(HttpContext? http, SoapVersion version)
    {
        var headers = new Dictionary<string, string> { ["soap-version"] = version == SoapVersion.Soap12 ? "1.2" : "1.1" };
        if (http?.Request.Headers[EnvelopeHeaders.ClientId].FirstOrDefault() is { Length: > 0 } client)
        {
            headers[EnvelopeHeaders.ClientId] = client;
        }

        return headers;
    }

    private InboundMessage Inbound(object command, IReadOnlyList<FieldError> translationErrors)
    {
        var http = accessor.HttpContext;
        var version = http?.Items[typeof(SoapVersion)] is SoapVersion v ? v : SoapVersion.Soap11;
        return new InboundMessage
        {
            Command = command,
            SourceAdapter = SoapAdapter.AdapterName,
            CorrelationId = http?.Request.Headers["X-Correlation-ID"].FirstOrDefault(),
            Headers = HeadersOf(http, version),
            TranslationErrors = translationErrors,
        };
    }
}
