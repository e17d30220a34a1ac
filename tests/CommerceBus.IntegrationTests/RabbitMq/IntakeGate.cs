using System.Collections.Concurrent;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// The hub's gateway with two test behaviours by order number: <c>UNAV-…</c> is always answered "unavailable" (as
/// when the storage is away), <c>HOLD-…</c> waits until <see cref="Release"/>; every other order goes through. Counts
/// the submits per order number.
/// </summary>
public sealed class IntakeGate(IInboundGateway inner) : IInboundGateway
{
    public const string UnavailablePrefix = "UNAV-";
    public const string HoldPrefix = "HOLD-";
    public const string UnavailableDetail = "storage unavailable (test)";

    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, bool> _recovered = new();

    /// <summary>When each order number was submitted, in order.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> Submits { get; } = new();

    /// <summary>Completed when a held order has been submitted.</summary>
    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Replaces the hub's gateway by a gate over it, registered as itself too so a test can find it.</summary>
    public static void Install(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IInboundGateway));
        services.Remove(original);
        services.AddSingleton(sp => new IntakeGate(original.ImplementationFactory is { } factory
            ? (IInboundGateway)factory(sp)
            : (IInboundGateway)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
        services.AddSingleton<IInboundGateway>(sp => sp.GetRequiredService<IntakeGate>());
    }

    public int SubmitsOf(string orderNumber) => Submits.TryGetValue(orderNumber, out var times) ? times.Count : 0;

    public void Release() => _released.TrySetResult();

    /// <summary>From now on an <c>UNAV-…</c> order with this number goes through, as when the storage came back.</summary>
    public void Recover(string orderNumber) => _recovered[orderNumber] = true;

    public async Task<InboundResult> SubmitAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var orderNumber = (message.Command as IOrderCommand)?.OrderNumber ?? "";
        Submits.GetOrAdd(orderNumber, _ => new()).Enqueue(DateTimeOffset.UtcNow);
        if (orderNumber.StartsWith(UnavailablePrefix, StringComparison.Ordinal) && !_recovered.ContainsKey(orderNumber))
        {
            return new InboundResult { Outcome = InboundOutcome.Unavailable, OrderNumber = orderNumber, Detail = UnavailableDetail };
        }

        if (orderNumber.StartsWith(HoldPrefix, StringComparison.Ordinal))
        {
            Holding.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        return await inner.SubmitAsync(message, cancellationToken);
    }

    public Task<StatusView?> GetStatusAsync(string family, string key, CancellationToken cancellationToken) =>
        inner.GetStatusAsync(family, key, cancellationToken);
}
