using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommerceBus.Core.Persistence;

/// <summary>Registers the hub database: SQLite by default, PostgreSQL when a connection string is configured.</summary>
internal static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddHubPersistence(this IServiceCollection services)
    {
        // Pooled: a saga transition, an intake request and a journal write each take a context; reusing them saves
        // building one every time.
        services.AddPooledDbContextFactory<HubDbContext>((sp, options) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (storage.UsesPostgreSql)
            {
                options.UseHubPostgreSql(storage.PostgreSql!, storage.PostgreSqlRetryMaxDelay);
            }
            else
            {
                // Relative to where the hub was started, so `data/` sits beside the command that ran it.
                var path = Path.GetFullPath(storage.SqlitePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                options.UseHubSqlite(path);
            }
        });
        services.AddSingleton<HubSchemaMigrator>();
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }
}
