using CommerceBus.Core.Scheduling;
using CommerceBus.Fulfillment.Saga;
using MassTransit;
using Xunit;

namespace CommerceBus.UnitTests.Scheduling;

public sealed class MessageTypeResolverTests
{
    [Fact]
    public void Urn_of_a_loaded_message_type_resolves_to_that_type() =>
        Assert.Equal(typeof(OrderStepTimedOut), MessageTypeResolver.Resolve([MessageUrn.ForTypeString<OrderStepTimedOut>()]));

    [Fact]
    public void Unknown_urn_is_a_clear_error_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MessageTypeResolver.Resolve(["urn:message:Nowhere:Nothing"]));
        Assert.Contains("urn:message:Nowhere:Nothing", error.Message, StringComparison.Ordinal);
    }
}
