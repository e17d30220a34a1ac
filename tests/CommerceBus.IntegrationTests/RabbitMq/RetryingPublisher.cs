using System.Diagnostics;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// A publisher as the contract expects one: it republishes (under the same message id) until the broker confirms,
/// reconnecting while the broker is away.
/// </summary>
internal sealed class RetryingPublisher(string brokerUri) : IAsyncDisposable
{
    private AmqpTestClient? _client;

    public int Reconnections { get; private set; }

    public async Task PublishConfirmedAsync(string routingKey, byte[] body, string messageId)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                _client ??= await AmqpTestClient.ConnectAsync(brokerUri);
                await _client.PublishAsync(routingKey, body, AmqpTestClient.Properties(messageId));
                return;
            }
            catch (Exception ex) when (deadline.Elapsed < TimeSpan.FromSeconds(120) && ex is not OutOfMemoryException)
            {
                Reconnections++;
                await DropAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    public ValueTask DisposeAsync() => new(DropAsync());

    private async Task DropAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            try
            {
                await client.DisposeAsync();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The connection is already gone with the broker; nothing to close.
            }
        }
    }
}
