using CommerceBus.Core;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Fulfillment;

/// <summary>
/// The hub database as the product ships it: the engine's tables and the order business's. The migrations projects'
/// design-time factories and tests that open the database without a hub use it; a running hub gets the same model from
/// the contributors its modules register.
/// </summary>
public static class HubModelWithOrders
{
    /// <summary>The engine's contributors, then the order business's.</summary>
    public static IReadOnlyList<IHubModelContributor> Contributors { get; } = [.. CoreHubModel.Contributors, new FulfillmentModel()];

    /// <summary>The hub context's model is the engine's and the order business's.</summary>
    public static DbContextOptionsBuilder UseHubModelWithOrders(this DbContextOptionsBuilder options) => options.UseHubModel(Contributors);

    /// <summary>The hub context's model is the engine's and the order business's.</summary>
    public static DbContextOptionsBuilder<TContext> UseHubModelWithOrders<TContext>(this DbContextOptionsBuilder<TContext> options)
        where TContext : DbContext
    {
        options.UseHubModel(Contributors);
        return options;
    }
}
