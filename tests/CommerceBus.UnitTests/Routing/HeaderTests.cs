using System.Collections.Frozen;
using System.Collections.ObjectModel;
using CommerceBus.Routing;
using Xunit;
using static CommerceBus.UnitTests.Routing.Rules;

namespace CommerceBus.UnitTests.Routing;

public sealed class HeaderTests
{
    private static RoutableMessage With(IReadOnlyDictionary<string, string> headers) =>
        Messages.Of(Messages.CapturePayment(10m), headers);

    [Theory]
    [InlineData("x-priority")]
    [InlineData("X-Priority")]
    [InlineData("X-PRIORITY")]
    public void Header_names_match_ignoring_case_whatever_the_dictionary_comparer(string sent)
    {
        var condition = Header("x-priority", "Equals", "high");

        Assert.True(Holds(condition, With(new Dictionary<string, string> { [sent] = "high" })));
        Assert.True(Holds(condition, With(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [sent] = "high" })));
        Assert.True(Holds(condition, With(new Dictionary<string, string> { [sent] = "high" }.ToFrozenDictionary())));
        Assert.True(Holds(condition, With(new ReadOnlyDictionary<string, string>(new Dictionary<string, string> { [sent] = "high" }))));
    }

    [Fact]
    public void Header_values_are_case_sensitive_unless_IgnoreCase()
    {
        var message = With(Messages.Headers(("x-priority", "HIGH")));

        Assert.False(Holds(Header("x-priority", "Equals", "high"), message));
        Assert.True(Holds(Header("x-priority", "Equals", "high", ignoreCase: true), message));
    }

    [Fact]
    public void A_missing_header_does_not_equal_anything_and_does_not_exist()
    {
        var message = With(Messages.Headers(("x-other", "high")));

        Assert.False(Holds(Header("x-priority", "Equals", "high"), message));
        Assert.False(Holds(Header("x-priority", "Exists"), message));
        Assert.True(Holds(Header("x-priority", "NotExists"), message));
        Assert.True(Holds(Header("x-priority", "NotEquals", "high"), message));
    }

    [Fact]
    public void Header_In_Prefix_and_Contains_compare_the_header_text()
    {
        var message = With(Messages.Headers(("x-tenant", "acme-eu-1")));

        Assert.True(Holds(Header("x-tenant", "In", values: ["other", "acme-eu-1"]), message));
        Assert.True(Holds(Header("x-tenant", "Prefix", "acme-"), message));
        Assert.True(Holds(Header("x-tenant", "Contains", "-eu-"), message));
    }
}
