using CommerceBus.Routing;
using Xunit;
using static CommerceBus.UnitTests.Routing.Rules;

namespace CommerceBus.UnitTests.Routing;

public sealed class OperatorTests
{
    private static readonly RoutableMessage Order = Messages.Json("BookOrder.v1", """
        {
          "orderNumber": "SO-1001", "region": "EU", "total": 250.00, "express": true, "note": null,
          "shipTo": { "country": "DE" },
          "lines": [ { "sku": "DIG-1", "quantity": 2 }, { "sku": "BOOK-2", "quantity": 1 } ]
        }
        """, Messages.Headers(("x-amount", "1000"), ("x-channel", "Web")));

    [Theory]
    [InlineData("region", "EU", true)]
    [InlineData("region", "US", false)]
    [InlineData("region", "eu", false)]
    [InlineData("shipTo.country", "DE", true)]
    [InlineData("lines[1].sku", "BOOK-2", true)]
    [InlineData("total", "250", true)]
    [InlineData("total", "250.0", true)]
    [InlineData("total", "25", false)]
    [InlineData("express", "true", true)]
    [InlineData("express", "True", true)]
    [InlineData("missing", "EU", false)]
    public void Equals_is_ordinal_for_text_and_numeric_for_json_numbers(string field, string value, bool expected) =>
        Assert.Equal(expected, Holds(Field(field, "Equals", value), Order));

    [Fact]
    public void Equals_with_IgnoreCase_matches_text_in_another_case() =>
        Assert.True(Holds(Field("region", "Equals", "eu", ignoreCase: true), Order));

    [Theory]
    [InlineData("region", "US", true)]
    [InlineData("region", "EU", false)]
    [InlineData("missing", "EU", true)]
    public void NotEquals_is_the_exact_negation_of_Equals_even_for_a_missing_field(string field, string value, bool expected) =>
        Assert.Equal(expected, Holds(Field(field, "NotEquals", value), Order));

    [Theory]
    [InlineData(new[] { "US", "EU" }, true)]
    [InlineData(new[] { "US", "APAC" }, false)]
    [InlineData(new[] { "eu" }, false)]
    public void In_matches_when_the_value_is_one_of_the_values(string[] values, bool expected) =>
        Assert.Equal(expected, Holds(Field("region", "In", values: values), Order));

    [Fact]
    public void In_with_IgnoreCase_matches_text_in_another_case() =>
        Assert.True(Holds(Field("region", "In", values: ["us", "eu"], ignoreCase: true), Order));

    [Fact]
    public void In_on_a_json_number_compares_numerically() =>
        Assert.True(Holds(Field("total", "In", values: ["100", "250.00"]), Order));

    [Theory]
    [InlineData("region", new[] { "US", "APAC" }, true)]
    [InlineData("region", new[] { "US", "EU" }, false)]
    [InlineData("missing", new[] { "US" }, true)]
    public void NotIn_is_the_exact_negation_of_In(string field, string[] values, bool expected) =>
        Assert.Equal(expected, Holds(Field(field, "NotIn", values: values), Order));

    [Theory]
    [InlineData("SO-", false, true)]
    [InlineData("so-", false, false)]
    [InlineData("so-", true, true)]
    [InlineData("1001", false, false)]
    public void Prefix_matches_the_start_of_the_text(string prefix, bool ignoreCase, bool expected) =>
        Assert.Equal(expected, Holds(Field("orderNumber", "Prefix", prefix, ignoreCase: ignoreCase), Order));

    [Theory]
    [InlineData("-10", false, true)]
    [InlineData("so", false, false)]
    [InlineData("so", true, true)]
    public void Contains_matches_anywhere_in_the_text(string part, bool ignoreCase, bool expected) =>
        Assert.Equal(expected, Holds(Field("orderNumber", "Contains", part, ignoreCase: ignoreCase), Order));

    [Fact]
    public void Prefix_reads_a_json_number_as_its_text() =>
        Assert.True(Holds(Field("total", "Prefix", "250"), Order));

    [Theory]
    [InlineData("GreaterThan", "200", true)]
    [InlineData("GreaterThan", "250", false)]
    [InlineData("GreaterThanOrEqual", "250", true)]
    [InlineData("GreaterThanOrEqual", "250.01", false)]
    [InlineData("LessThan", "300", true)]
    [InlineData("LessThan", "250", false)]
    [InlineData("LessThanOrEqual", "250", true)]
    [InlineData("LessThanOrEqual", "249.99", false)]
    public void Comparisons_of_json_numbers_are_decimal(string op, string value, bool expected) =>
        Assert.Equal(expected, Holds(Field("total", op, value), Order));

    [Fact]
    public void Comparisons_of_numeric_header_text_are_numeric_not_ordinal() =>
        Assert.True(Holds(Header("x-amount", "GreaterThan", "200"), Order));

    [Theory]
    [InlineData("region")]
    [InlineData("shipTo")]
    [InlineData("missing")]
    public void Comparisons_of_values_that_are_not_numbers_do_not_match(string field) =>
        Assert.False(Holds(Field(field, "LessThan", "1000000"), Order));

    [Theory]
    [InlineData("region", true)]
    [InlineData("shipTo", true)]
    [InlineData("lines", true)]
    [InlineData("note", false)]
    [InlineData("missing", false)]
    [InlineData("shipTo.city", false)]
    [InlineData("lines[2].sku", false)]
    public void Exists_is_true_for_any_value_but_null_and_NotExists_is_its_negation(string field, bool exists)
    {
        Assert.Equal(exists, Holds(Field(field, "Exists"), Order));
        Assert.Equal(!exists, Holds(Field(field, "NotExists"), Order));
    }

    [Theory]
    [InlineData("Region")]
    [InlineData("REGION")]
    [InlineData("ShipTo.Country")]
    public void Field_paths_match_properties_ignoring_case(string field) =>
        Assert.True(Holds(Field(field, "In", values: ["EU", "DE"]), Order));

    [Fact]
    public void Operator_names_are_read_ignoring_case() =>
        Assert.True(Holds(Field("region", "equals", "EU"), Order));

    [Fact]
    public void Text_longer_than_the_stack_buffer_is_still_compared() =>
        Assert.True(Holds(
            Field("note", "Contains", "needle"),
            Messages.Json("BookOrder.v1", $$"""{ "note": "{{new string('x', 600)}}needle" }""")));

    [Fact]
    public void Escaped_text_is_compared_unescaped() =>
        Assert.True(Holds(Field("region", "Prefix", "Zürich", ignoreCase: true), Messages.Json("BookOrder.v1", """{ "region": "Z\u00fcrich-1" }""")));
}
