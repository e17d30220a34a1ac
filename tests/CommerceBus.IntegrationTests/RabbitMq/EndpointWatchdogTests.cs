using System.Collections.Concurrent;
using CommerceBus.Conformance;
using CommerceBus.Core.Hosting;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using CommerceBus.Transports.RabbitMq;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// A receive endpoint of the hub left without a consumer on its queue (here: stopped behind MassTransit's back, as a
/// consumer lost for good would be) is noticed by the endpoint watchdog, logged, and restarted: its messages are
/// consumed again without restarting the hub.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class EndpointWatchdogTests
{
    private const string Queue = "watchdog-test";

    [RabbitFact]
    public async Task An_endpoint_left_without_a_consumer_is_logged_and_restarted()
    {
        var vhost = await RabbitServer.CreateVirtualHostAsync("watchdog");
        var probe = new PingProbe();
        var logs = new WarningCapture();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["CommerceBus:RabbitMq:ConnectionString"] = vhost,
                ["CommerceBus:RabbitMq:SendTimeout"] = "00:00:02",
                ["CommerceBus:RabbitMq:EndpointStopTimeout"] = "00:00:04",
                ["CommerceBus:RabbitMq:EndpointWatchEvery"] = "00:00:01",
                ["CommerceBus:RabbitMq:EndpointRestartAfter"] = "00:00:03",
            };
            await using var hub = await TestHub.StartAsync(
                settings,
                configureHub: b => b.ConfigureBus(bus => bus.AddConsumer<PingConsumer>().Endpoint(e => e.Name = Queue)),
                configureServices: s => s.AddSingleton(probe).AddSingleton<ILoggerProvider>(logs));
            var bus = hub.Services.GetRequiredService<IBus>();

            await (await bus.GetSendEndpoint(new Uri($"queue:{Queue}"))).Send(new Ping(1));
            await probe.Seen(1).WaitAsync(TimeSpan.FromSeconds(60));

            // The endpoint stops consuming, and nothing in MassTransit starts it again.
            var watched = await Eventually.MatchAsync(
                () => Task.FromResult(hub.Services.GetRequiredService<ReceiveEndpointWatch>().Endpoints.SingleOrDefault(e => e.Queue == Queue)),
                e => e is not null,
                $"the watch to list {Queue}");
            await watched!.State.Endpoint.Stop().WaitAsync(TimeSpan.FromSeconds(60));
            await (await bus.GetSendEndpoint(new Uri($"queue:{Queue}"))).Send(new Ping(2));

            // Only a restart gets it consumed, and the watchdog says why it restarted the endpoint.
            await probe.Seen(2).WaitAsync(TimeSpan.FromSeconds(90));
            Assert.Contains(logs.Entries, e => e.EventId == 1710 && e.Message.Contains(Queue, StringComparison.Ordinal));
            Assert.True(await ConsumersAsync(vhost) > 0, "the restarted endpoint has no consumer on the broker");
        }
        finally
        {
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }

    // The consumer count the broker shows for the test's queue.
    private static async Task<int> ConsumersAsync(string vhost)
    {
        var queues = await RabbitServer.DescribeQueuesAsync(vhost);
        var line = queues.Split('\n').Select(l => l.Split('\t', StringSplitOptions.TrimEntries)).Single(f => f[0] == Queue);
        return int.Parse(line[3], System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed record Ping(int Number);

    public sealed class PingProbe
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _seen = new();

        public Task Seen(int number) => Get(number).Task;

        public void Saw(int number) => Get(number).TrySetResult();

        private TaskCompletionSource Get(int number) => _seen.GetOrAdd(number, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    public sealed class PingConsumer(PingProbe probe) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            probe.Saw(context.Message.Number);
            return Task.CompletedTask;
        }
    }

    private sealed class WarningCapture : ILoggerProvider
    {
        public ConcurrentQueue<(int EventId, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(int EventId, string Message)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    entries.Enqueue((eventId.Id, formatter(state, exception)));
                }
            }
        }
    }
}
