using CommerceBus.Persistence;
using Xunit;

namespace CommerceBus.UnitTests.Persistence;

public sealed class SchemaStatusTests
{
    private static readonly string[] Known = ["20261201000000_Baseline", "20261201180000_Second"];

    [Fact]
    public void A_database_behind_this_hub_has_the_rest_pending_and_is_not_refused()
    {
        var status = new SchemaStatus(Known, ["20261201000000_Baseline"]);

        Assert.Equal(["20261201180000_Second"], status.Pending);
        Assert.Empty(status.Unknown);
        Assert.Equal("20261201000000_Baseline", status.DatabaseVersion);
        status.ThrowIfNewerThanThisHub();
    }

    [Fact]
    public void A_database_with_a_migration_this_hub_does_not_know_is_refused_naming_both_versions()
    {
        var status = new SchemaStatus(Known, [.. Known, "20270101000000_Third"]);

        var refused = Assert.Throws<SchemaVersionException>(status.ThrowIfNewerThanThisHub);

        Assert.Contains("at 20270101000000_Third", refused.Message, StringComparison.Ordinal);
        Assert.Contains("its latest migration is 20261201180000_Second", refused.Message, StringComparison.Ordinal);
        Assert.Empty(status.Pending);
    }

    [Fact]
    public void An_empty_database_has_every_migration_pending_and_no_version()
    {
        var status = new SchemaStatus(Known, []);

        Assert.Equal(Known, status.Pending);
        Assert.Null(status.DatabaseVersion);
    }
}
