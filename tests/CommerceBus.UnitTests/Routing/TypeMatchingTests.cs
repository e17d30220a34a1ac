using Xunit;
using static CommerceBus.UnitTests.Routing.Rules;

namespace CommerceBus.UnitTests.Routing;

public sealed class TypeMatchingTests
{
    private static bool Routes(string[] types, string messageType) =>
        !Table(Rule("typed", types: types, endpoints: ["inventory"])).Route(Messages.Json(messageType, "{}")).Unroutable;

    [Fact]
    public void A_type_without_version_matches_every_version()
    {
        Assert.True(Routes(["BookOrder"], "BookOrder.v1"));
        Assert.True(Routes(["BookOrder"], "BookOrder.v2"));
    }

    [Fact]
    public void A_type_with_version_matches_only_that_version()
    {
        Assert.True(Routes(["BookOrder.v1"], "BookOrder.v1"));
        Assert.False(Routes(["BookOrder.v1"], "BookOrder.v2"));
    }

    [Fact]
    public void A_rule_without_types_matches_every_type() =>
        Assert.True(Routes([], "CapturePayment.v1"));

    [Fact]
    public void A_message_of_another_type_does_not_match()
    {
        Assert.False(Routes(["BookOrder", "CancelBooking"], "BookShipment.v1"));
        Assert.False(Routes(["BookOrder"], "BookOrderExtra.v1"));
    }

    [Fact]
    public void Type_names_in_rules_are_read_ignoring_case() =>
        Assert.True(Routes(["bookorder"], "BookOrder.v1"));
}
