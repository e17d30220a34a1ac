using CommerceBus.Abstractions.Hosting;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// A hub with the AMQP adapter on a virtual host of its own (so test classes never share queues), for one test class.
/// By default the hub's bus stays in memory and only the adapter uses the broker; <see cref="BusOnRabbitMq"/> moves the bus too.
/// </summary>
public class AmqpHubFixture : TestHubFixture
{
    private string? _virtualHost;

    /// <summary>The AMQP URI of this class's virtual host.</summary>
    public string BrokerUri => _virtualHost ?? throw new InvalidOperationException(RabbitServer.SkipReason ?? "The virtual host has not been created yet.");

    protected virtual bool BusOnRabbitMq => false;

    protected virtual string Prefix => "amqp";

    public override async Task InitializeAsync()
    {
        // xUnit builds class fixtures even when every test of the class is skipped; there is nothing to start then.
        if (RabbitServer.SkipReason is not null)
        {
            return;
        }

        _virtualHost = await RabbitServer.CreateVirtualHostAsync(Prefix);
        Started(await TestHub.StartAsync(Settings(_virtualHost), ConfigureHub));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_virtualHost is not null)
        {
            await RabbitServer.DeleteVirtualHostAsync(_virtualHost);
        }
    }

    /// <summary>Changes to the hub's services after the standard ones (a gateway decorator, say); none by default.</summary>
    protected virtual void ConfigureHub(ICommerceBusBuilder hub)
    {
    }

    protected virtual Dictionary<string, string?> Settings(string brokerUri) => BusOnRabbitMq
        ? new() { ["CommerceBus:RabbitMq:ConnectionString"] = brokerUri }
        : new() { ["CommerceBus:Adapters:RabbitMq:ConnectionString"] = brokerUri };
}
