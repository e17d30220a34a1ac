namespace CommerceBus.Routing;

/// <summary>Where the router finds the table in force; the hub's topology replaces the routing-only default.</summary>
/// <remarks>
/// <see cref="RoutingServiceCollectionExtensions.AddCommerceBusRouting"/> registers a source that reloads the table on
/// its own. A host whose routes must change together with something else (the endpoints and their connectors) registers
/// its own source first, and the router then answers from that one.
/// </remarks>
public interface IRoutingTableSource
{
    /// <summary>The table in force; read it once per message so one message never sees two tables.</summary>
    IRoutingTable Current { get; }
}
