using Microsoft.Extensions.Configuration;

namespace CommerceBus.Core.Bus;

/// <summary>The hub bus's RabbitMQ transport settings (<c>CommerceBus:RabbitMq</c>); without a connection string the bus runs in memory.</summary>
public sealed record RabbitMqBusOptions
{
    /// <summary>An AMQP URI such as <c>amqp://guest:guest@localhost:5672/</c>; empty means the embedded in-memory bus.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>How many unacknowledged messages the broker hands each receive endpoint at once.</summary>
    public ushort PrefetchCount { get; init; } = 16;

    /// <summary>How many messages each receive endpoint handles at the same time.</summary>
    public int ConcurrentMessageLimit { get; init; } = 8;

    /// <summary>
    /// How long the hub waits for the broker to confirm one send, and how long a message whose channel the broker closed
    /// may keep its endpoint from restarting (see <see cref="BusSendLimit"/>). Sends on the in-memory bus never come near it.
    /// </summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a receive endpoint whose channel the broker closed waits for the messages it is still handling before it
    /// reconnects without them (MassTransit's <c>StopTimeout</c>; its handlers are cancelled after <see cref="SendTimeout"/>,
    /// MassTransit's <c>ConsumerStopTimeout</c>). Also bounds how long the bus takes to stop. At least <see cref="SendTimeout"/>.
    /// </summary>
    public TimeSpan EndpointStopTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>How often the hub checks that each of its receive endpoints has a consumer on its queue.</summary>
    public TimeSpan EndpointWatchEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a receive endpoint may have no consumer on its queue before the hub logs it and restarts the endpoint.
    /// Longer than <see cref="EndpointStopTimeout"/> by default, so that MassTransit's own reconnection comes first.
    /// </summary>
    public TimeSpan EndpointRestartAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether the bus runs on RabbitMQ.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Reads the options from the <c>CommerceBus</c> configuration section.</summary>
    public static RabbitMqBusOptions From(IConfiguration commerceBus) =>
        commerceBus.GetSection("RabbitMq").Get<RabbitMqBusOptions>() ?? new();
}
