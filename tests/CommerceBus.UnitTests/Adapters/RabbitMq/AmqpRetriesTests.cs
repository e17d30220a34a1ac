using CommerceBus.Adapters.RabbitMq;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.RabbitMq;

public sealed class AmqpRetriesTests
{
    [Fact]
    public void Default_pauses_double_from_one_second_up_to_five_minutes_about_thirteen_and_a_half_minutes_in_all()
    {
        var options = new RabbitMqAdapterOptions();

        var pauses = Enumerable.Range(1, options.UnavailableRetries).Select(r => AmqpRetries.DelayBefore(r, options)).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 300], pauses.Select(p => p.TotalSeconds));
        Assert.Equal(811, pauses.Sum(p => p.TotalSeconds));
    }

    [Fact]
    public void One_delay_queue_per_distinct_pause_named_by_its_milliseconds()
    {
        var options = new RabbitMqAdapterOptions { UnavailableRetries = 4, UnavailableBackoff = TimeSpan.FromMilliseconds(200), UnavailableBackoffMax = TimeSpan.FromMilliseconds(500) };

        var queues = AmqpRetries.Delays(options).Select(d => AmqpRetries.QueueOf(d, options));

        Assert.Equal(["commerce.inbound.hub.delay.200ms", "commerce.inbound.hub.delay.400ms", "commerce.inbound.hub.delay.500ms"], queues);
    }

    [Fact]
    public void A_pause_far_out_does_not_overflow_and_stays_at_the_longest()
    {
        var options = new RabbitMqAdapterOptions();

        Assert.Equal(options.UnavailableBackoffMax, AmqpRetries.DelayBefore(100, options));
    }
}
