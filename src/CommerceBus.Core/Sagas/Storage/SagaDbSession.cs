using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// The one <see cref="HubDbContext"/> a message's saga work uses, from the load through the staged side effects to the
/// save: one context (taken from the pool) per transition instead of one per operation. One per message scope.
/// </summary>
public sealed class SagaDbSession(IDbContextFactory<HubDbContext> contexts) : IAsyncDisposable
{
    private HubDbContext? _db;

    public async ValueTask<HubDbContext> GetAsync(CancellationToken cancellationToken) =>
        _db ??= await contexts.CreateDbContextAsync(cancellationToken);

    public ValueTask DisposeAsync() => _db?.DisposeAsync() ?? ValueTask.CompletedTask;
}
