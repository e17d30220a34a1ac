using CommerceBus.Abstractions.Inbound;

namespace CommerceBus.OperatorConsole.Endpoints;

/// <summary>One connection the hub opens to a broker (an inbound adapter's, the bus's), as the endpoints page shows it.</summary>
/// <param name="Name">Whose connection it is.</param>
/// <param name="Address">The broker, without credentials; or what runs instead of one.</param>
/// <param name="State">Connecting, connected or down; null when there is no such connection (not configured).</param>
/// <param name="Since">When it entered its state, when known.</param>
/// <param name="Detail">The last error, what the broker check found, or why there is no connection.</param>
public sealed record ConnectionView(string Name, string Address, ConnectionState? State, DateTimeOffset? Since, string? Detail);
