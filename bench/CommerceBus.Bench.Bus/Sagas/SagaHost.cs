using CommerceBus.Core.Bus;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Fulfillment;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Fulfillment.Saga;
using CommerceBus.Persistence;
using CommerceBus.Persistence.GroupCommit;
using CommerceBus.Persistence.PostgreSql;
using CommerceBus.Persistence.Sqlite;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Bench.Bus.Sagas;

/// <summary>
/// The order fulfillment saga as the hub runs it, and nothing else: the real state machine and read-model projection,
/// MassTransit's saga repository on the hub's EF Core storage with the hub's per-step services
/// (<see cref="SagaStorageRegistrationExtensions.AddSagaStepServices"/>: one pooled context per message, the journal entry
/// and outbox rows committed with the saga row, the rows sent after the commit and removed through the group committer),
/// saga writes counted by <see cref="SagaWriteCounter"/>, the in-memory bus with the hub's retry policy and in-memory
/// outbox, and <see cref="StepEndpoints"/> answering the steps.
/// </summary>
internal sealed class SagaHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public SagaWriteCounter Storage => Services.GetRequiredService<SagaWriteCounter>();

    public StepEndpoints Endpoints => Services.GetRequiredService<StepEndpoints>();

    /// <param name="postgres">A PostgreSQL connection string, or null for SQLite in <paramref name="dataDirectory"/>.</param>
    /// <param name="dataDirectory">Where the SQLite database file goes.</param>
    public static async Task<SagaHost> StartAsync(string? postgres, string dataDirectory)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("MassTransit", LogLevel.Error);
        var services = builder.Services;
        var counter = new SagaWriteCounter();
        services.AddSingleton(counter);

        // The hub's persistence as AddHubPersistence registers it: pooled contexts on the providers' own settings, the
        // group committer (the outbox removals go through it).
        services.AddPooledDbContextFactory<HubDbContext>(options =>
        {
            if (postgres is not null)
            {
                options.UseHubPostgreSql(postgres, new StorageOptions().PostgreSqlRetryMaxDelay);
            }
            else
            {
                options.UseHubSqlite(Path.Combine(dataDirectory, "commercebus.db"));
            }

            options.UseHubModelWithOrders();
            options.AddInterceptors(counter);
        });
        services.AddOptions<GroupCommitOptions>();
        services.AddSingleton<GroupCommitter>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<RabbitMqBusOptions>();
        services.AddOptions<OrderFulfillmentOptions>();
        services.AddSingleton<OrderProjection>();
        services.AddSingleton<StepDeadlineAlarm>(); // the state machine tells it of the step deadlines it sets (no sweeper runs here)
        services.AddSingleton<StepEndpoints>();

        // What the hub's bus registers for a saga step: one context per message, the journal entry and the outbox rows in
        // the saga row's transaction, the outbox rows sent right after the commit and removed through the group committer.
        services.AddSagaStepServices();
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddSagaStateMachine<OrderFulfillmentStateMachine, OrderSagaRecord>()
                .Endpoint(e => e.Name = "order-fulfillment")
                .StorageRepository();
            bus.AddConsumer<StepEndpoints.Replier>().Endpoint(e => e.Name = "bench-steps");
            bus.AddDelayedMessageScheduler();
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                // The hub's endpoint policy (BusRegistration): retries, then the scope and the in-memory outbox.
                endpoint.UseMessageRetry(r => r.Intervals(100, 500, 1000, 2000, 5000));
                endpoint.UseMessageScope(context);
                endpoint.UseInMemoryOutbox(context);
            });
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                // As many messages at once as the hub's RabbitMQ endpoints take (CommerceBus:RabbitMq:ConcurrentMessageLimit).
                cfg.ConcurrentMessageLimit = 8;
                cfg.ConfigureEndpoints(context);
            });
        });

        var host = builder.Build();
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            await db.Database.EnsureCreatedAsync();
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }

        await host.StartAsync();
        return new SagaHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
