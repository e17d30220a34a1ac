namespace CommerceBus.Abstractions.Inbound;

/// <summary>An inbound adapter that takes its messages over a connection it opens to a server (a broker): that connection's state now.</summary>
public interface IConnectedAdapter
{
    /// <summary>The adapter's connection as it last saw it change.</summary>
    ConnectionStatus Connection { get; }
}

/// <summary>An adapter's connection to its server: where, in which state since when, and the last error it met.</summary>
/// <param name="Address">The server's address, without credentials.</param>
/// <param name="State">Connecting (never connected yet), connected, or down (lost, reconnecting).</param>
/// <param name="Since">When it entered <paramref name="State"/>.</param>
/// <param name="LastError">The last failure to connect or the reason the connection was lost; null when there was none.</param>
public sealed record ConnectionStatus(string Address, ConnectionState State, DateTimeOffset Since, string? LastError);
