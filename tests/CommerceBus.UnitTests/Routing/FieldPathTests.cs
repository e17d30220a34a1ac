using CommerceBus.Routing.Matching;
using Xunit;

namespace CommerceBus.UnitTests.Routing;

public sealed class FieldPathTests
{
    [Theory]
    [InlineData("region")]
    [InlineData("shipTo.country")]
    [InlineData("lines[0].sku")]
    [InlineData("lines[*].sku")]
    [InlineData("parcels[*].lines[12].sku")]
    [InlineData("matrix[0][1]")]
    [InlineData("lines[*]")]
    public void Valid_paths_parse(string text)
    {
        Assert.True(FieldPath.TryParse(text, out var path, out var error), error);
        Assert.Equal(text, path!.Text);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("  ", "empty")]
    [InlineData(".region", "expected a property name at position 0")]
    [InlineData("shipTo..country", "expected a property name at position 7")]
    [InlineData("shipTo.", "expected a property name at position 7")]
    [InlineData("lines[0", "is not closed")]
    [InlineData("lines[x].sku", "'[x]' is not an index")]
    [InlineData("lines[-1].sku", "'[-1]' is not an index")]
    [InlineData("lines[].sku", "'[]' is not an index")]
    [InlineData("[0].sku", "expected a property name at position 0")]
    [InlineData("lines[0]sku", "unexpected 's'")]
    [InlineData("ship to", "unexpected ' '")]
    [InlineData("lines]", "unexpected ']'")]
    public void Invalid_paths_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(FieldPath.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
