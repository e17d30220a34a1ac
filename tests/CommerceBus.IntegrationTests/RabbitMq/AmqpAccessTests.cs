using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Infrastructure;
using Xunit;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// What a publisher on the intake may not ask of the hub: a reply into a queue of the hub's choosing pattern only, and
/// orders only as an allowed broker user; both refusals land in the rejected queue with their reason.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class AmqpAccessTests(AmqpAccessTests.Fixture fixture) : IClassFixture<AmqpAccessTests.Fixture>
{
    [RabbitFact]
    public async Task A_reply_to_outside_the_pattern_is_rejected_and_nothing_is_written_there()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var target = (await client.Channel.QueueDeclareAsync("someone-elses-queue", durable: false, exclusive: false, autoDelete: true)).QueueName;
        var id = Guid.NewGuid().ToString();

        await client.PublishAsync("order.place", AmqpTestClient.Json(Orders.Valid()), AmqpTestClient.Properties(id, replyTo: target));

        var rejected = await client.TakeRejectedAsync(id);
        Assert.Contains("ReplyToPattern", rejected.Header("x-commercebus-reason"), StringComparison.Ordinal);
        Assert.Equal(0u, await client.Channel.MessageCountAsync(target));
    }

    [RabbitFact]
    public async Task A_message_of_a_broker_user_not_allowed_is_rejected_naming_the_setting()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var id = Guid.NewGuid().ToString();
        var properties = AmqpTestClient.Properties(id);

        // The broker lets a publisher name only its own user; that user is not among the allowed ones.
        properties.UserId = Uri.UnescapeDataString(new Uri(fixture.BrokerUri).UserInfo.Split(':')[0]);
        await client.PublishAsync("order.place", AmqpTestClient.Json(Orders.Valid()), properties);

        var rejected = await client.TakeRejectedAsync(id);
        Assert.Contains("AllowedUserIds", rejected.Header("x-commercebus-reason"), StringComparison.Ordinal);
    }

    /// <summary>The AMQP hub allowing only the broker user <c>orders-app</c>.</summary>
    public sealed class Fixture : AmqpHubFixture
    {
        protected override string Prefix => "amqp-access";

        protected override Dictionary<string, string?> Settings(string brokerUri)
        {
            var settings = base.Settings(brokerUri);
            settings["CommerceBus:Adapters:RabbitMq:AllowedUserIds:0"] = "orders-app";
            return settings;
        }
    }
}
