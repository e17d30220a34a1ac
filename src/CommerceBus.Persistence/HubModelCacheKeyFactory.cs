using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CommerceBus.Persistence;

/// <summary>Caches the hub's model per set of contributing modules, so two hubs in one process with different modules each get theirs.</summary>
internal sealed class HubModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, context.GetService<IDbContextOptions>().FindExtension<HubModelExtension>()?.Key ?? "");
}
