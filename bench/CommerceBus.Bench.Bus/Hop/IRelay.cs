namespace CommerceBus.Bench.Bus.Hop;

/// <summary>What moves a message from the hop's in side to its out side: the raw broker, MassTransit or the hub.</summary>
internal interface IRelay : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Where the probe publishes (exchange, routing key) and where it waits (queue).</summary>
    string Exchange { get; }

    string RoutingKey { get; }

    string OutQueue { get; }
}
