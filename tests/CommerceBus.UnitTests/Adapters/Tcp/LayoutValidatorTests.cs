using CommerceBus.Adapters.Tcp.Layouts;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Tcp;

public sealed class LayoutValidatorTests
{
    [Theory]
    [InlineData(BuiltInLayouts.LegacyTerminal)]
    [InlineData(BuiltInLayouts.LegacyShipping)]
    public void Built_in_layouts_are_valid(string name)
    {
        Assert.Empty(LayoutValidator.Validate(name, BuiltInLayouts.Load(name)));
    }

    [Fact]
    public void Built_in_terminal_layout_is_the_contract()
    {
        var set = BuiltInLayouts.Load(BuiltInLayouts.LegacyTerminal);

        Assert.Equal(
            ["ACK:Ack:51", "CAN:CancelOrder:55", "NAK:Nak:99", "ORD:PlaceOrder:128", "STA:GetStatus:15", "STS:Status:47"],
            set.Records.Select(r => $"{r.Key}:{r.Value.Message}:{r.Value.Length}").Order(StringComparer.Ordinal));
        Assert.Equal((125, 26, 20), (set.Records["ORD"].Group!.Count.Position, set.Records["ORD"].Group!.ItemLength, set.Records["ORD"].Group!.MaxCount));
    }

    [Theory]
    [InlineData("Fields:a:Position", "2", "L:Records:ABC:Fields:a: Position 2 and Length 4 must lie inside characters 4-10")]
    [InlineData("Fields:a:Length", "8", "L:Records:ABC:Fields:a: Position 4 and Length 8 must lie inside characters 4-10")]
    [InlineData("Fields:b:Position", "5", "L:Records:ABC:Fields:b overlaps L:Records:ABC:Fields:a")]
    [InlineData("Fields:a:Variable", "true", "L:Records:ABC:Fields:a: only the last text field of a record without a group can be Variable")]
    [InlineData("Fields:b:Type", "ImpliedDecimal", "L:Records:ABC:Fields:b:Scale must be 0 to Length - 1")]
    [InlineData("Message", "", "L:Records:ABC:Message is missing")]
    [InlineData("Length", "2", "L:Records:ABC:Length must be at least 3 (the type characters)")]
    public void Broken_layout_is_reported_naming_the_setting(string key, string value, string problem)
    {
        var set = Valid();
        var record = set.Records["ABC"];
        switch (key)
        {
            case "Fields:a:Position": record.Fields["a"].Position = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Fields:a:Length": record.Fields["a"].Length = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Fields:b:Position": record.Fields["b"].Position = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Fields:a:Variable": record.Fields["a"].Variable = true; break;
            case "Fields:b:Type": record.Fields["b"].Type = FieldType.ImpliedDecimal; record.Fields["b"].Scale = 4; break;
            case "Message": record.Message = value; break;
            case "Length": record.Length = 2; break;
        }

        Assert.Contains(problem, LayoutValidator.Validate("L", set));
    }

    [Fact]
    public void Record_type_of_the_wrong_width_is_reported()
    {
        var set = Valid();
        set.Records["ABCD"] = set.Records["ABC"];

        Assert.Contains("L:Records:ABCD: the record type must be 3 printable ASCII characters", LayoutValidator.Validate("L", set));
    }

    [Fact]
    public void Group_without_a_name_or_item_length_is_reported()
    {
        var set = Valid();
        set.Records["ABC"].Group = new GroupLayoutOptions { Count = { Position = 9, Length = 2 } };

        var problems = LayoutValidator.Validate("L", set).ToList();

        Assert.Contains("L:Records:ABC:Group:Name is missing (the list's canonical name, e.g. lines)", problems);
        Assert.Contains("L:Records:ABC:Group:ItemLength must be at least 1", problems);
    }

    private static RecordLayoutSetOptions Valid() => new()
    {
        Records =
        {
            ["ABC"] = new RecordLayoutOptions
            {
                Message = "GetStatus",
                Length = 10,
                Fields =
                {
                    ["a"] = new FieldLayoutOptions { Position = 4, Length = 4 },
                    ["b"] = new FieldLayoutOptions { Position = 8, Length = 1, Type = FieldType.Number },
                },
            },
        },
    };
}
