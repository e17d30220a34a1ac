using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommerceBus.Observability.Health;

/// <summary>Ready only while the hub's database answers a query: without it nothing can be accepted.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<HubDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // A real round trip: CanConnect opens a connection, which a pool may hand out although the server is gone.
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy($"{db.Database.ProviderName} answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the database does not answer: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
