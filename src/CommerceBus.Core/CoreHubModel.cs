using CommerceBus.Core.Duties;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;
using CommerceBus.Core.Orders;
using CommerceBus.Core.Sagas;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core;

/// <summary>
/// The parts of the hub database the engine's modules contribute (orders, journal, sagas and outbox, failed messages, duty runs),
/// for the running hub, the design-time factories of the migrations projects and tests that open the database.
/// </summary>
public static class CoreHubModel
{
    /// <summary>The engine's modules' contributors, in the order the tables were first declared.</summary>
    public static IReadOnlyList<IHubModelContributor> Contributors { get; } = [new OrdersModel(), new JournalModel(), new SagasModel(), new FailuresModel(), new DutiesModel()];

    /// <summary>The hub context's model is the engine's modules'.</summary>
    public static DbContextOptionsBuilder UseCoreHubModel(this DbContextOptionsBuilder options) => options.UseHubModel(Contributors);

    /// <summary>The hub context's model is the engine's modules'.</summary>
    public static DbContextOptionsBuilder<TContext> UseCoreHubModel<TContext>(this DbContextOptionsBuilder<TContext> options)
        where TContext : DbContext
    {
        options.UseHubModel(Contributors);
        return options;
    }
}
