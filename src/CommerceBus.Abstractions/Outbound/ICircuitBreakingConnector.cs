namespace CommerceBus.Abstractions.Outbound;

/// <summary>A connector with a circuit breaker in front of its endpoint: the breaker's state now, for whoever shows it (the operator console).</summary>
public interface ICircuitBreakingConnector
{
    /// <summary>The breaker as the connector last saw it change.</summary>
    CircuitBreakerStatus Breaker { get; }
}

/// <summary>A circuit breaker's state, since when it has been in it, and the failure that opened it (while open or half-open).</summary>
/// <param name="State">Closed, open or half-open.</param>
/// <param name="Since">When it entered <paramref name="State"/>; for a breaker that never opened, when the connector was made.</param>
/// <param name="OpenedBy">The failure that last opened it; null while closed.</param>
public sealed record CircuitBreakerStatus(CircuitBreakerState State, DateTimeOffset Since, string? OpenedBy);
