using System.Data.Common;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.Fulfillment.Saga;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>
/// The step deadlines kept on the saga row and fired by the <see cref="StepDeadlineSweeper"/>: an idle hub reads
/// nothing after its start, and two hubs on one PostgreSQL database fire a due deadline once (a second timeout for the
/// same step is ignored by the saga). The SQLite timeout paths are <see cref="StepTimeoutTests"/>.
/// </summary>
public sealed class StepDeadlineSweepTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Idle_hub_sweeps_once_at_start_and_then_waits_with_no_timer()
    {
        var log = new SweepStatements();
        await using var hub = await TestHub.StartAsync(configureServices: services => services.ConfigureDbContext<HubDbContext>(o => o.AddInterceptors(log)));
        var sweeper = SweeperOf(hub);

        // Parked with no wake-up time: only a transition committing a deadline can wake it, so nothing more is read.
        var waiting = await Eventually.MatchAsync(() => Task.FromResult(sweeper.Current), w => w is { Until: null }, "the sweeper to wait with no timer after its start sweep");

        Assert.NotNull(waiting);
        Assert.Equal(1, sweeper.Sweeps);
        Assert.Equal(0, sweeper.Fired);
        // The start sweep: the due deadlines, and the earliest one pending (none). If this grows, the sweeper polls.
        Assert.Equal(2, log.Count);
    }

    [PostgresFact]
    public async Task Two_hubs_on_one_database_fire_a_due_deadline_once_and_the_saga_ignores_a_second_timeout()
    {
        var gate = new PaymentsGate();
        var settings = new Dictionary<string, string?>(StepTimeoutTests.GatedSettings(TimeSpan.FromSeconds(3)))
        {
            ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString,
        };
        await using var hubA = await TestHub.StartAsync(settings, configureServices: services =>
        {
            services.AddSingleton(gate);
            services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
        });
        var order = Orders.Valid();
        var trackingId = await StepTimeoutTests.PlaceAsync(hubA, order);
        var waiting = await hubA.WaitForSagaAsync(order.OrderNumber!, s => s.WaitingFor == "CapturePayment", "waiting for payment");
        Assert.Equal(waiting!.StepDeadline, waiting.StepTimeoutDueAt);

        // Hub B joins while the deadline is pending: its start sweep reads it, so both hubs' sweeps go for it.
        await using var hubB = await TestHub.StartAsync(
            new Dictionary<string, string?>(StepTimeoutTests.GatedSettings(TimeSpan.FromSeconds(3))) { ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString },
            configureServices: services =>
            {
                services.AddSingleton(new PaymentsGate());
                services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
            });

        var status = await hubA.WaitForStatusAsync(order.OrderNumber!, "Failed", "Completed", "Cancelled");
        Assert.Equal("Failed", status!.Status);
        Assert.Equal("timed out waiting for CapturePayment", status.Reason);
        var failed = await hubA.WaitForSagaAsync(order.OrderNumber!, s => s.StockReleased, "the stock release confirmed");
        Assert.Null(failed!.StepTimeoutDueAt);
        Assert.Equal(1, SweeperOf(hubA).Fired + SweeperOf(hubB).Fired);
        var releases = (hubA.Demo.Inventory.Released.ContainsKey(trackingId) ? 1 : 0) + (hubB.Demo.Inventory.Released.ContainsKey(trackingId) ? 1 : 0);
        Assert.Equal(1, releases);

        // A second timeout of the same step (an old scheduled job, a re-fire after a crash) changes nothing: the saga
        // journals every message it acts on (with its projection, in its save), and it acts on none.
        var handledBefore = (await hubA.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.SourceAdapter == "order-fulfillment"))).Count;
        await SendAndWaitConsumedAsync(hubA, new OrderStepTimedOut(trackingId, order.OrderNumber!, "CapturePayment"));
        var after = await hubA.SagaAsync(order.OrderNumber!);
        var handledAfter = (await hubA.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.SourceAdapter == "order-fulfillment"))).Count;
        Assert.True(handledBefore == handledAfter, $"the saga acted on a second timeout of the same step ({handledBefore} journal entries before it, {handledAfter} after)");
        Assert.Equal("Failed", after!.CurrentState);
        Assert.Null(after.NextRedriveAt);
        Assert.Equal("timed out waiting for CapturePayment", after.Reason);
        gate.Open();
    }

    internal static StepDeadlineSweeper SweeperOf(TestHub hub) => hub.Services.GetServices<IHostedService>().OfType<StepDeadlineSweeper>().Single();

    // Sends the message to the saga's queue and waits until the saga has consumed it (not a sleep: the bus says so).
    private static async Task SendAndWaitConsumedAsync(TestHub hub, OrderStepTimedOut timeout)
    {
        var bus = hub.Services.GetRequiredService<IBus>();
        var messageId = NewId.NextGuid();
        var observer = new ConsumedObserver(messageId);
        using var connection = bus.ConnectConsumeObserver(observer);
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{OrderFulfillmentStateMachine.Queue}"));
        await endpoint.Send(timeout, context =>
        {
            context.MessageId = messageId;
            context.CorrelationId = timeout.TrackingId;
        });
        await observer.Consumed.WaitAsync(Eventually.DefaultTimeout);
    }

    private sealed class ConsumedObserver(Guid messageId) : IConsumeObserver
    {
        private readonly TaskCompletionSource _consumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Consumed => _consumed.Task;

        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.MessageId == messageId)
            {
                _consumed.TrySetResult();
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class
        {
            if (context.MessageId == messageId)
            {
                _consumed.TrySetException(new InvalidOperationException("the saga failed to consume the second timeout", exception));
            }

            return Task.CompletedTask;
        }
    }

    // Counts the statements the sweeper tags, whatever their kind.
    private sealed class SweepStatements : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Note(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Note(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Note(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Note(DbCommand command)
        {
            if (command.CommandText.Contains(StepDeadlineSweeper.QueryTag, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
