using CommerceBus.Abstractions.Outbound;

namespace CommerceBus.OperatorConsole.Endpoints;

/// <summary>One business endpoint as the endpoints page shows it.</summary>
/// <param name="Address">Where its connector delivers (a URL, host:port, or a queue).</param>
/// <param name="Retry">Its retry policy, in words.</param>
/// <param name="Up">The last heartbeat: up, down, or null when it is not probed.</param>
/// <param name="LastError">The newest failed delivery in the journal, or the heartbeat's error.</param>
/// <param name="Settings">Its other settings (secrets masked).</param>
/// <param name="Name">The logical endpoint.</param>
/// <param name="Kind">Its connector kind.</param>
/// <param name="UpSince">Since when it has been up or down.</param>
/// <param name="LastErrorAt">When the last failed delivery was journaled.</param>
/// <param name="Breaker">Its connector's circuit breaker now, or null when the connector has none.</param>
public sealed record EndpointView(
    string Name,
    string Kind,
    string Address,
    string Retry,
    bool? Up,
    DateTimeOffset? UpSince,
    string? LastError,
    DateTime? LastErrorAt,
    CircuitBreakerStatus? Breaker,
    IReadOnlyList<KeyValuePair<string, string>> Settings);

/// <summary>One inbound adapter as the endpoints page shows it: what it takes and where it listens.</summary>
/// <param name="Connections">Open connections and those refused at the limit, when the listener counts them; null otherwise.</param>
/// <param name="Name">The adapter, and the listener when it has several; or the hub's HTTP server.</param>
/// <param name="Direction">Inbound or outbound.</param>
/// <param name="Listens">The addresses it accepts on.</param>
/// <param name="Note">What the console cannot show about it, and where it is.</param>
public sealed record AdapterView(string Name, string Direction, string Listens, (long Open, long Refused)? Connections, string? Note);
