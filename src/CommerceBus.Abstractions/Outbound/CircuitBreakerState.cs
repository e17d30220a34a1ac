namespace CommerceBus.Abstractions.Outbound;

/// <summary>The states of a circuit breaker, numbered as the <c>commercebus.breaker.state</c> gauge records them.</summary>
public enum CircuitBreakerState
{
    /// <summary>Calls go through.</summary>
    Closed = 0,

    /// <summary>Calls fail at once, without calling the endpoint, until the break is over.</summary>
    Open = 1,

    /// <summary>The break is over: the next call is a trial that closes the breaker or opens it again.</summary>
    HalfOpen = 2,
}
