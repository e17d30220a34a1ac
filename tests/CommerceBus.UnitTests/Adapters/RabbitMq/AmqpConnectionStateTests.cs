using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.RabbitMq;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.RabbitMq;

public sealed class AmqpConnectionStateTests
{
    private readonly SteppingClock _clock = new();

    [Fact]
    public void It_connects_fails_to_reach_the_broker_connects_loses_the_connection_and_recovers()
    {
        var state = new AmqpConnectionState(Options.Create(new RabbitMqAdapterOptions { ConnectionString = "amqp://hub:secret@broker:5672/orders" }), _clock, NullLogger<AmqpConnectionState>.Instance);
        var started = _clock.GetUtcNow();
        Assert.Equal(new ConnectionStatus("amqp://broker:5672/orders", ConnectionState.Connecting, started, null), state.Status);

        _clock.Step();
        state.AttemptFailed("Connection refused");
        Assert.Equal(new ConnectionStatus("amqp://broker:5672/orders", ConnectionState.Connecting, started, "Connection refused"), state.Status);

        var connected = _clock.Step();
        state.Consuming();
        Assert.Equal((ConnectionState.Connected, connected, "Connection refused"), (state.Status.State, state.Status.Since, state.Status.LastError));

        var lost = _clock.Step();
        state.Lost("320 CONNECTION_FORCED - broker shutdown");
        Assert.Equal((ConnectionState.Down, lost, "320 CONNECTION_FORCED - broker shutdown"), (state.Status.State, state.Status.Since, state.Status.LastError));

        _clock.Step();
        state.AttemptFailed("Connection refused");
        Assert.Equal((ConnectionState.Down, lost, "Connection refused"), (state.Status.State, state.Status.Since, state.Status.LastError));

        var recovered = _clock.Step();
        state.Recovered();
        Assert.Equal((ConnectionState.Connected, recovered, "Connection refused"), (state.Status.State, state.Status.Since, state.Status.LastError));
    }

    [Fact]
    public void A_connection_that_fails_while_connected_is_down_from_then()
    {
        var state = new AmqpConnectionState(Options.Create(new RabbitMqAdapterOptions { ConnectionString = "amqp://broker/" }), _clock, NullLogger<AmqpConnectionState>.Instance);
        state.Consuming();
        var failed = _clock.Step();

        state.AttemptFailed("channel closed");

        Assert.Equal((ConnectionState.Down, failed), (state.Status.State, state.Status.Since));
    }
}
