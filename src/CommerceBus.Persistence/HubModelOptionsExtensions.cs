using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CommerceBus.Persistence;

/// <summary>Adds the modules' parts of the model to the hub context's options.</summary>
public static class HubModelOptionsExtensions
{
    /// <summary>The model of <see cref="HubDbContext"/> is what <paramref name="contributors"/> configure, in this order.</summary>
    public static DbContextOptionsBuilder UseHubModel(this DbContextOptionsBuilder options, IEnumerable<IHubModelContributor> contributors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new HubModelExtension([.. contributors]));
        return options;
    }
}
