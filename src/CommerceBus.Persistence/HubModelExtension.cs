using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Persistence;

/// <summary>Carries the modules' <see cref="IHubModelContributor"/>s in the context's options (a pooled context takes options only).</summary>
internal sealed class HubModelExtension(IReadOnlyList<IHubModelContributor> contributors) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public IReadOnlyList<IHubModelContributor> Contributors { get; } = contributors;

    /// <summary>The contributors' types, in order: the model is cached per set (<see cref="HubModelCacheKeyFactory"/>).</summary>
    public string Key { get; } = string.Join(";", contributors.Select(c => c.GetType().FullName));

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) =>
        services.AddSingleton<IModelCacheKeyFactory, HubModelCacheKeyFactory>();

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(HubModelExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["CommerceBus:HubModel"] = extension.Key;
    }
}
