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

        var messageId = PropertyOrHeader(properties.MessageId, properties, "message_id");
        var appId = PropertyOrHeader(properties.AppId, properties, "app_id");
        var correlationId = PropertyOrHeader(properties.CorrelationId, properties, "correlation_id");
        if (messageId is null)
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
                SourceAdapter = appId is null ? "amqp" : $"amqp:{appId}",
                MessageId = AmqpMessageIds.From(messageId, appId),
                CorrelationId = correlationId,
                Headers = KeptHeaders(properties),
                TranslationErrors = errors,
            });
        }
    }

    /// <summary>
    /// A message property, or a header of the same name when the property is not set: some command-line publishers
    /// (amqp-publish of amqp-tools) cannot set message_id, correlation_id or app_id, only headers.
    /// </summary>
    private static string? PropertyOrHeader(string? property, IReadOnlyBasicProperties properties, string header)
    {
        if (!string.IsNullOrWhiteSpace(property))
        {
            return property;
        }

        var value = properties.Headers is { } headers && headers.TryGetValue(header, out var raw) ? raw : null;
        var text = value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string s => s,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>The message's text headers (AMQP long strings), where routes can match on them.</summary>
    private static Dictionary<string, string> KeptHeaders(IReadOnlyBasicProperties properties)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // The broker checks user_id against the connection's user, so it names the client; a header of that name does not.
        if (!string.IsNullOrEmpty(properties.UserId))
        {
            kept[AmqpAccess.ClientHeader] = properties.UserId;
        }

        if (properties.Headers is null)
        {
            return kept;
        }

        foreach (var (name, value) in properties.Headers)
        {
            if (name.StartsWith(OwnHeaderPrefix, StringComparison.OrdinalIgnoreCase) || name.Equals(AmqpAccess.ClientHeader, StringComparison.OrdinalIgnoreCase))
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
