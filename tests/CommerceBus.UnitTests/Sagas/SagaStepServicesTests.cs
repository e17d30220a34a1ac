using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Fulfillment;
using CommerceBus.Persistence;
using CommerceBus.Persistence.GroupCommit;
using CommerceBus.Persistence.Sqlite;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.UnitTests.Sagas;

/// <summary>
/// <see cref="SagaStorageRegistrationExtensions.AddSagaStepServices"/>, the one registration of what a saga step uses
/// per message (the hub's bus and the saga benchmark both call it): a step's context, side effects and outbox are one
/// set per message scope, shared inside it; what a host registered first is kept.
/// </summary>
public sealed class SagaStepServicesTests
{
    [Fact]
    public async Task Each_message_scope_gets_its_own_step_services_shared_inside_it()
    {
        var services = Services();
        services.AddSingleton<IOutboxSender>(new NullOutboxSender());
        await using var provider = services.AddSagaStepServices().BuildServiceProvider(validateScopes: true);

        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();

        Assert.Same(first.ServiceProvider.GetRequiredService<SagaSideEffects>(), first.ServiceProvider.GetRequiredService<SagaSideEffects>());
        Assert.NotSame(first.ServiceProvider.GetRequiredService<SagaSideEffects>(), second.ServiceProvider.GetRequiredService<SagaSideEffects>());
        Assert.NotSame(first.ServiceProvider.GetRequiredService<SagaDbSession>(), second.ServiceProvider.GetRequiredService<SagaDbSession>());
        Assert.NotSame(first.ServiceProvider.GetRequiredService<SagaOutbox>(), second.ServiceProvider.GetRequiredService<SagaOutbox>());
        Assert.Same(first.ServiceProvider.GetRequiredService<OutboxDelivery>(), second.ServiceProvider.GetRequiredService<OutboxDelivery>());
    }

    [Fact]
    public void Without_a_sender_of_its_own_the_outbox_sends_on_the_bus() =>
        Assert.Equal(typeof(BusOutboxSender), Assert.Single(Services().AddSagaStepServices(), d => d.ServiceType == typeof(IOutboxSender)).ImplementationType);

    [Fact]
    public async Task An_outbox_sender_registered_before_is_kept_and_a_second_call_adds_nothing()
    {
        var services = Services();
        var sender = new NullOutboxSender();
        services.AddSingleton<IOutboxSender>(sender);
        services.AddSagaStepServices();
        var registered = services.Count;

        services.AddSagaStepServices();

        Assert.Equal(registered, services.Count);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        Assert.Same(sender, provider.GetRequiredService<IOutboxSender>());
    }

    // What the step services stand on: the hub database (never opened here), the group committer, options and the bus.
    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<HubDbContext>(options => options
            .UseHubSqlite(Path.Combine(Path.GetTempPath(), $"commercebus-unit-{Guid.NewGuid():N}.db"))
            .UseHubModelWithOrders());
        services.AddOptions<GroupCommitOptions>();
        services.AddSingleton<GroupCommitter>();
        services.AddSingleton<IBus>(_ => throw new InvalidOperationException("no bus in this test: nothing is sent"));
        return services;
    }

    private sealed class NullOutboxSender : IOutboxSender
    {
        public Task SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
