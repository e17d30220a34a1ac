using CommerceBus.Fulfillment.Saga;
using Xunit;

namespace CommerceBus.UnitTests.Sagas;

public sealed class OrderFulfillmentOptionsTests
{
    [Fact]
    public void Step_without_an_override_gets_the_general_timeout_and_an_override_wins_for_its_step()
    {
        var options = new OrderFulfillmentOptions { StepTimeout = TimeSpan.FromMinutes(3) };
        options.StepTimeouts["capturepayment"] = TimeSpan.FromSeconds(40);

        Assert.Equal(TimeSpan.FromSeconds(40), options.TimeoutFor(FulfillmentSteps.CapturePayment));
        Assert.Equal(TimeSpan.FromMinutes(3), options.TimeoutFor(FulfillmentSteps.BookOrder));
        Assert.Equal(TimeSpan.FromMinutes(5), new OrderFulfillmentOptions().TimeoutFor(FulfillmentSteps.ReserveStock));
    }
}
