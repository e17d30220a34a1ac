using CommerceBus.Core.Duties;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Persistence;

namespace CommerceBus.Core;

/// <summary>
/// The parts of the hub database the engine contributes (journal and inbox, saga outbox, failed messages, duty runs); a business
/// module contributes its own (<c>FulfillmentModel</c>), and the migrations hold the schema of both.
/// </summary>
public static class CoreHubModel
{
    /// <summary>The engine's contributors.</summary>
    public static IReadOnlyList<IHubModelContributor> Contributors { get; } = [new JournalModel(), new OutboxModel(), new FailuresModel(), new DutiesModel()];
}
