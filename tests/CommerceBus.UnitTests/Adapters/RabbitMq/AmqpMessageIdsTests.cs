using CommerceBus.Adapters.RabbitMq;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.RabbitMq;

public sealed class AmqpMessageIdsTests
{
    [Fact]
    public void Guid_message_id_is_kept_as_it_is()
    {
        var id = Guid.NewGuid();

        Assert.Equal(id, AmqpMessageIds.From(id.ToString(), "billing"));
    }

    [Fact]
    public void Other_message_id_maps_to_the_same_version_5_guid_every_time()
    {
        var first = AmqpMessageIds.From("invoice-17", "billing");

        Assert.Equal(first, AmqpMessageIds.From("invoice-17", "billing"));
        Assert.Equal(5, first.Version);
        Assert.NotEqual(first, AmqpMessageIds.From("invoice-18", "billing"));
    }

    [Fact]
    public void Same_message_id_from_two_applications_does_not_collide()
    {
        Assert.NotEqual(AmqpMessageIds.From("1", "billing"), AmqpMessageIds.From("1", "crm"));
    }
}
