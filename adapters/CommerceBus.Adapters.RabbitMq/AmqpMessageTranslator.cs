using System.Text;
using System.Text.Json;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Validation;
using RabbitMQ.Client;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// Translates an AMQP message of <c>contracts/wire/amqp-inbound.md</c> into a canonical command. It only translates:
/// the field rules are the pipeline's, so a body that parses is handed on even with bad fields, and the hub names them.
/// </summary>
internal static class AmqpMessageTranslator
{
    /// <summary>Prefix of the headers the adapter writes itself; never taken from the wire.</summary>
    public const string OwnHeaderPrefix = "x-commercebus-";

    public static AmqpTranslation Translate(string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, int maxBytes)
    {
        var isPlace = routingKey == AmqpTopology.PlaceOrderKey;
        if (!isPlace && routingKey != AmqpTopology.CancelOrderKey)
        {
            return AmqpTranslation.Reject($"routing key '{routingKey}': unknown; the hub takes {AmqpTopology.PlaceOrderKey} and {AmqpTopology.CancelOrderKey}");
        }

        if (string.IsNullOrWhiteSpace(properties.MessageId))
        {
            return AmqpTranslation.Reject("message_id: required; the hub processes each message id at most once");
        }

        if (body.Length > maxBytes)
        {
            return AmqpTranslation.Reject($"body: larger than {maxBytes} bytes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return AmqpTranslation.Reject($"body: not JSON ({ex.Message})");
        }

        using (document)
        {
            IReadOnlyList<FieldError> errors;
            object command = isPlace
                ? OrderJsonReader.ReadPlaceOrder(document.RootElement, out errors)
                : OrderJsonReader.ReadCancelOrder(document.RootElement, null, out errors);
            return AmqpTranslation.Accept(new InboundMessage
            {
                Command = command,
                SourceAdapter = string.IsNullOrWhiteSpace(properties.AppId) ? "amqp" : $"amqp:{properties.AppId}",
                MessageId = AmqpMessageIds.From(properties.MessageId, properties.AppId),
                CorrelationId = string.IsNullOrWhiteSpace(properties.CorrelationId) ? null : properties.CorrelationId,
                Headers = KeptHeaders(properties),
                TranslationErrors = errors,
            });
        }
    }

    /// <summary>The message's text headers (AMQP long strings), where routes can match on them.</summary>
    private static Dictionary<string, string> KeptHeaders(IReadOnlyBasicProperties properties)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (properties.Headers is null)
        {
            return kept;
        }

        foreach (var (name, value) in properties.Headers)
        {
            if (name.StartsWith(OwnHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var text = value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string s => s,
                _ => null,
            };
            if (text is not null)
            {
                kept[name] = text;
            }
        }

        return kept;
    }
}
