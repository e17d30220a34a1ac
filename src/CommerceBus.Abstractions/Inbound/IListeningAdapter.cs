namespace CommerceBus.Abstractions.Inbound;

/// <summary>An inbound adapter with listeners of its own (not the hub's HTTP server): where each listens and how many connections it holds.</summary>
public interface IListeningAdapter
{
    /// <summary>The running listeners, now.</summary>
    IReadOnlyList<ListenerStatus> Listeners { get; }
}

/// <summary>One running listener: its name, the addresses it accepts on, its open connections and those refused at its limit since start.</summary>
public sealed record ListenerStatus(string Name, IReadOnlyList<string> Addresses, int OpenConnections, long RefusedConnections);
