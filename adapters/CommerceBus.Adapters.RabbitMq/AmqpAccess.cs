using System.Text.RegularExpressions;
using RabbitMQ.Client;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>What a publisher may ask of the hub beyond its message: where the reply goes, and as which broker user.</summary>
internal static class AmqpAccess
{
    /// <summary>The envelope header that names the client: the message's validated <c>user_id</c>, when set.</summary>
    public const string ClientHeader = CommerceBus.Contracts.Envelope.EnvelopeHeaders.ClientId;

    /// <summary>Why the message is refused before it is read, or null.</summary>
    public static string? Refusal(IReadOnlyBasicProperties properties, RabbitMqAdapterOptions options)
    {
        if (!string.IsNullOrEmpty(properties.ReplyTo)
            && !Regex.IsMatch(properties.ReplyTo, options.ReplyToPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            return $"reply_to '{properties.ReplyTo}' is not a queue the hub answers on (CommerceBus:Adapters:RabbitMq:ReplyToPattern)";
        }

        if (!string.IsNullOrEmpty(properties.UserId) && options.AllowedUserIds.Count > 0
            && !options.AllowedUserIds.Contains(properties.UserId, StringComparer.Ordinal))
        {
            return $"user_id '{properties.UserId}' is not allowed to place orders (CommerceBus:Adapters:RabbitMq:AllowedUserIds)";
        }

        return null;
    }
}
