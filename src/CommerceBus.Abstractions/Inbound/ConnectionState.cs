namespace CommerceBus.Abstractions.Inbound;

/// <summary>The states of an adapter's connection to its server.</summary>
public enum ConnectionState
{
    /// <summary>Not connected yet since the adapter started: trying.</summary>
    Connecting,

    /// <summary>Connected and taking messages.</summary>
    Connected,

    /// <summary>Was connected and lost the connection: reconnecting.</summary>
    Down,
}
