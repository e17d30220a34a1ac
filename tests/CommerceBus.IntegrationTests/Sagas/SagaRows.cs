using CommerceBus.Conformance;
using CommerceBus.Persistence;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>Reads the saga table of a running hub.</summary>
public static class SagaRows
{
    public static async Task<OrderSagaRecord?> SagaAsync(this TestHub hub, string orderNumber)
    {
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.OrderSagas.AsNoTracking().FirstOrDefaultAsync(s => s.OrderNumber == orderNumber);
    }

    public static Task<OrderSagaRecord?> WaitForSagaAsync(this TestHub hub, string orderNumber, Func<OrderSagaRecord, bool> done, string what) =>
        Eventually.MatchAsync(() => hub.SagaAsync(orderNumber), s => s is not null && done(s), $"saga of {orderNumber}: {what}");
}
