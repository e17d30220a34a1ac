using CommerceBus.Abstractions.Inbound;
using CommerceBus.Persistence;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// A module's answer to status queries about one family of things it tracks (the order business: orders), registered
/// as a singleton: the adapters ask through <see cref="IInboundGateway.GetStatusAsync"/>, and the inbox step gives the
/// status of what a duplicate message's first delivery was about.
/// </summary>
public interface IStatusSource
{
    /// <summary>The family it answers for (<c>order</c>); one source per family.</summary>
    string Family { get; }

    /// <summary>The canonical command types whose business key names one of this family's (<c>PlaceOrder</c>, <c>CancelOrder</c>).</summary>
    IReadOnlyCollection<Type> CommandTypes { get; }

    /// <summary>Where <paramref name="key"/> stands, read on <paramref name="db"/>; null when the hub does not know it.</summary>
    Task<StatusView?> FindAsync(HubDbContext db, string key, CancellationToken cancellationToken);
}
