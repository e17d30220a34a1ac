using CommerceBus.Persistence.PostgreSql;
using Npgsql;
using Xunit;

namespace CommerceBus.UnitTests.Persistence;

/// <summary>The hub context's Npgsql defaults apply where the operator's connection string is silent, and never over it.</summary>
public sealed class PostgreSqlConnectionDefaultsTests
{
    private const string Operator = "Host=db.example.internal;Port=5432;Database=commercebus;Username=hub;Password='p;w=x'";

    [Fact]
    public void A_connection_string_that_names_none_of_them_gets_the_defaults_and_keeps_everything_else()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionDefaults.Apply(Operator));

        Assert.True(applied.NoResetOnClose, "the hub's pooled connections carry no session state; see PostgreSqlConnectionDefaults");
        Assert.Equal(PostgreSqlConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(PostgreSqlConnectionDefaults.AutoPrepareMinUsages, applied.AutoPrepareMinUsages);
        var given = new NpgsqlConnectionStringBuilder(Operator);
        Assert.Equal(given.Host, applied.Host);
        Assert.Equal(given.Port, applied.Port);
        Assert.Equal(given.Database, applied.Database);
        Assert.Equal(given.Username, applied.Username);
        Assert.Equal(given.Password, applied.Password);
    }

    [Theory]
    [InlineData("No Reset On Close=false;Max Auto Prepare=0;Auto Prepare Min Usages=5")]
    [InlineData("NoResetOnClose=false;MaxAutoPrepare=0;AutoPrepareMinUsages=5")]
    [InlineData("no reset on close=false;MAX AUTO PREPARE=0;autoprepareminusages=5")]
    public void A_value_the_operator_gave_wins_whatever_the_spelling_of_its_key(string settings)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionDefaults.Apply($"Host=db;Database=commercebus;{settings}"));

        Assert.False(applied.NoResetOnClose, "an operator's No Reset On Close=false must reach Npgsql as given");
        Assert.Equal(0, applied.MaxAutoPrepare);
        Assert.Equal(5, applied.AutoPrepareMinUsages);
    }
}
