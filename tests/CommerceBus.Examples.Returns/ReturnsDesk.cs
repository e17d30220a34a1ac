using System.Threading.Channels;
using MassTransit;

namespace CommerceBus.Examples.Returns;

/// <summary>
/// The returns desk, a message-driven endpoint hosted beside the hub on its own queue: the route sends each accepted
/// return there. Here it only keeps what arrived, for the test to read.
/// </summary>
public sealed class ReturnsDesk : IConsumer<ReturnOrder>
{
    private readonly Channel<ReturnOrder> _received = Channel.CreateUnbounded<ReturnOrder>();

    /// <summary>The returns the desk received, in order.</summary>
    public ChannelReader<ReturnOrder> Received => _received.Reader;

    public Task Consume(ConsumeContext<ReturnOrder> context) => _received.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();
}
