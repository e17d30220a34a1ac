using System.Text;
using CommerceBus.Adapters.RabbitMq;
using CommerceBus.Contracts.Orders;
using RabbitMQ.Client;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.RabbitMq;

public sealed class AmqpMessageTranslatorTests
{
    private static readonly byte[] Cancel = Encoding.UTF8.GetBytes("""{"orderNumber":"A-1","reason":"r"}""");

    [Fact]
    public void Cancel_message_becomes_a_CancelOrder_with_the_wire_ids_and_source()
    {
        var properties = new BasicProperties { MessageId = "42", CorrelationId = "corr", AppId = "billing" };

        var translation = AmqpMessageTranslator.Translate("order.cancel", properties, Cancel, 1024);

        var message = translation.Message!;
        Assert.Equal("A-1", Assert.IsType<CancelOrder>(message.Command).OrderNumber);
        Assert.Equal("amqp:billing", message.SourceAdapter);
        Assert.Equal("corr", message.CorrelationId);
        Assert.Equal(AmqpMessageIds.From("42", "billing"), message.MessageId);
    }

    [Fact]
    public void Ids_may_come_from_headers_when_the_publisher_cannot_set_the_properties()
    {
        var properties = new BasicProperties
        {
            Headers = new Dictionary<string, object?>
            {
                ["message_id"] = Encoding.UTF8.GetBytes("m-1"),
                ["correlation_id"] = Encoding.UTF8.GetBytes("c-1"),
                ["app_id"] = Encoding.UTF8.GetBytes("shell"),
            },
        };

        var message = AmqpMessageTranslator.Translate("order.cancel", properties, Cancel, 1024).Message!;

        Assert.Equal("amqp:shell", message.SourceAdapter);
        Assert.Equal("c-1", message.CorrelationId);
        Assert.Equal(AmqpMessageIds.From("m-1", "shell"), message.MessageId);
    }

    [Theory]
    [InlineData("order.ship", "id", "{}", "routing key 'order.ship': unknown")]
    [InlineData("order.place", null, "{}", "message_id: required")]
    [InlineData("order.place", "id", "{not json", "body: not JSON")]
    [InlineData("order.place", "id", "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]", "body: larger than 32 bytes")]
    public void Message_that_cannot_be_translated_is_rejected_naming_why(string routingKey, string? messageId, string body, string reason)
    {
        var translation = AmqpMessageTranslator.Translate(routingKey, new BasicProperties { MessageId = messageId }, Encoding.UTF8.GetBytes(body), 32);

        Assert.Null(translation.Message);
        Assert.StartsWith(reason, translation.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_of_the_wrong_JSON_type_is_handed_on_for_the_pipeline_to_report()
    {
        var body = Encoding.UTF8.GetBytes("""{"orderNumber":"A-1","lines":[{"sku":"S","quantity":"two","unitPrice":1}]}""");

        var message = AmqpMessageTranslator.Translate("order.place", new BasicProperties { MessageId = "id" }, body, 1024).Message!;

        Assert.Contains(message.TranslationErrors, e => e.Field == "lines[0].quantity");
    }
}
