using Xunit;

namespace CommerceBus.IntegrationTests.Infrastructure;

/// <summary>
/// The test classes that use the run's RabbitMQ node run one after another: one of them restarts the broker, which drops
/// every connection on the node, whatever its virtual host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RabbitCollection
{
    public const string Name = "RabbitMQ";
}
