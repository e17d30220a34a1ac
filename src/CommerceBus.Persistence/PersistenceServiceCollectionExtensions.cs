using CommerceBus.Persistence.Coordination;
using CommerceBus.Persistence.GroupCommit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Persistence;

/// <summary>
/// Registers the hub database on the <see cref="IHubDatabaseProvider"/> the host registered, with the model the
/// registered <see cref="IHubModelContributor"/>s make.
/// </summary>
public static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddHubPersistence(this IServiceCollection services)
    {
        // Pooled: a saga transition, an intake request and a journal write each take a context; reusing them saves
        // building one every time.
        services.AddPooledDbContextFactory<HubDbContext>((sp, options) =>
        {
            sp.GetRequiredService<IHubDatabaseProvider>().Configure(options, sp.GetRequiredService<IOptions<StorageOptions>>().Value);
            options.UseHubModel(sp.GetServices<IHubModelContributor>());
        });
        services.AddOptions<GroupCommitOptions>().Validate(o => o.Problem() is null, "CommerceBus:Storage:GroupCommit is invalid (MaxBatchSize ≥ 1, QueueCapacity ≥ MaxBatchSize, CommitTimeout > 0).").ValidateOnStart();
        services.AddSingleton<GroupCommitter>();
        services.AddSingleton<HubSchemaMigrator>();

        // This process among the hubs on the database; the coordination joins them before the schema is touched.
        services.AddSingleton(sp => HubInstance.From(sp.GetService<IConfiguration>()?[HubInstance.Setting]));
        services.AddSingleton(sp => sp.GetRequiredService<IHubDatabaseProvider>().Coordination(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<HubInstance>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }
}
