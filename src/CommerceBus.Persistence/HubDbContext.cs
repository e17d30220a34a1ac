using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CommerceBus.Persistence;

/// <summary>
/// The hub's own database. Its model is what the modules contribute (<see cref="IHubModelContributor"/>, added with
/// <see cref="HubModelOptionsExtensions.UseHubModel"/>): the journal, the failed messages, the orders, the sagas and
/// their outbox each configure their own tables, and code reaches them with <c>Set&lt;T&gt;()</c> or the module's accessors.
/// </summary>
public sealed class HubDbContext(DbContextOptions<HubDbContext> options) : DbContext(options)
{
    /// <summary>The provider name EF Core reports for SQLite (compared by name: this project references no provider).</summary>
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var model = this.GetService<IDbContextOptions>().FindExtension<HubModelExtension>()
            ?? throw new InvalidOperationException("The hub context was configured without its model: add UseHubModel(...) with the modules' contributors.");
        foreach (var contributor in model.Contributors)
        {
            contributor.Configure(modelBuilder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC. SQLite hands DateTime back unspecified; PostgreSQL wants UTC for timestamptz.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

        // SQLite has no decimal type and EF Core cannot compare or order decimals there, so a query on Total would fail
        // (or be evaluated in memory). Amounts are stored as REAL on SQLite only: a double reads back every two-decimal amount below 10^13 unchanged,
        // and is compared and ordered in SQL. PostgreSQL keeps numeric.
        if (Database.ProviderName == SqliteProvider)
        {
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
        }
    }
}
