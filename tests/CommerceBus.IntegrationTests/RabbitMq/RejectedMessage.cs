using System.Text;
using RabbitMQ.Client;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>A message taken from commerce.inbound.rejected.</summary>
public sealed record RejectedMessage(IReadOnlyBasicProperties Properties, byte[] Body, string RoutingKey)
{
    public string? Header(string name) => Properties.Headers is { } headers && headers.TryGetValue(name, out var value)
        ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            _ => value?.ToString(),
        }
        : null;
}
