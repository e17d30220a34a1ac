using CommerceBus.Fulfillment;
using CommerceBus.Persistence;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Fulfillment.Saga;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Bench.Bus.Sagas;

/// <summary>
/// The order fulfillment saga as the hub runs it, and nothing else: the real state machine and read-model projection,
/// MassTransit's saga repository on the hub's EF Core storage (counted), the in-memory bus with the hub's retry policy
/// and in-memory outbox, and <see cref="StepEndpoints"/> answering the steps.
/// </summary>
internal sealed class SagaHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public CountingSagaStorage Storage => Services.GetRequiredService<CountingSagaStorage>();

    public StepEndpoints Endpoints => Services.GetRequiredService<StepEndpoints>();

    /// <param name="postgres">A PostgreSQL connection string, or null for SQLite in <paramref name="dataDirectory"/>.</param>
    /// <param name="dataDirectory">Where the SQLite database file goes.</param>
    public static async Task<SagaHost> StartAsync(string? postgres, string dataDirectory)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("MassTransit", LogLevel.Error);
        var services = builder.Services;
        services.AddDbContextFactory<HubDbContext>(options =>
        {
            // The hub's own provider settings (PersistenceServiceCollectionExtensions).
            if (postgres is not null)
            {
                options.UseNpgsql(postgres, npgsql => npgsql.EnableRetryOnFailure());
            }
            else
            {
                options.UseSqlite($"Data Source={Path.Combine(dataDirectory, "commercebus.db")};Pooling=True;Default Timeout=30");
            }

            options.UseHubModelWithOrders();
        });
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<OrderFulfillmentOptions>();
        services.AddSingleton<OrderProjection>();
        services.AddSingleton<StepDeadlineAlarm>(); // the state machine tells it of the step deadlines it sets (no sweeper runs here)
        services.AddSingleton<StepEndpoints>();
        services.AddSingleton(sp => new CountingSagaStorage(new EfSagaStorage<OrderSagaRecord>(sp.GetRequiredService<IDbContextFactory<HubDbContext>>())));
        services.AddSingleton<ISagaStorage<OrderSagaRecord>>(sp => sp.GetRequiredService<CountingSagaStorage>());
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
