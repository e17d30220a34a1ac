using MassTransit;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.DemoEndpoints.Inventory;

/// <summary>Where the Inventory service runs: beside the hub (the default), or as its own process when the bus is RabbitMQ.</summary>
public static class InventoryHosting
{
    /// <summary>The setting that moves Inventory out of the hub's process: <c>CommerceBus:DemoEndpoints:Inventory:Hosted=false</c>.</summary>
    public const string HostedSetting = "DemoEndpoints:Inventory:Hosted";

    /// <summary>Whether the hub hosts the Inventory consumer itself; refuses a setting that would leave nobody on its queue.</summary>
    public static bool IsHostedBesideHub(IConfiguration commerceBus)
    {
        if (commerceBus.GetValue(HostedSetting, true))
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(commerceBus["RabbitMq:ConnectionString"]))
        {
            throw new InvalidOperationException(
                "CommerceBus:DemoEndpoints:Inventory:Hosted=false needs the bus on RabbitMQ (CommerceBus:RabbitMq:ConnectionString): " +
                "on the in-memory bus no other process can reach the inventory queue.");
        }

        return false;
    }

    /// <summary>
    /// Adds the Inventory consumer on its own queue. It takes only what is sent there, not every ReserveStock published
    /// on the bus (the hub's dispatcher takes those and routes them here).
    /// </summary>
    public static void AddInventoryConsumer(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<InventoryConsumer>().Endpoint(e =>
        {
            e.Name = InventoryConsumer.Queue;
            e.ConfigureConsumeTopology = false;
        });
}
