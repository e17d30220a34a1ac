using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.OperatorConsole.Orders;

/// <summary>Finds orders by order number, tracking id or correlation id, and reads an order's journey from its saga row, its journal and its failed messages.</summary>
public sealed class OrderTimelineQuery(IDbContextFactory<HubDbContext> databases)
{
    private const string OperatorSource = "operations";

    private static readonly HashSet<string> Compensations = new(StringComparer.Ordinal) { "ReleaseStock", "RefundPayment", "CancelBooking" };

    /// <summary>The tracking ids of the orders <paramref name="search"/> names (at most 20): an order number, a tracking id or a correlation id.</summary>
    public async Task<IReadOnlyList<(string OrderNumber, Guid TrackingId, string Status)>> FindAsync(string search, CancellationToken cancellationToken)
    {
        var text = search.Trim();
        if (text.Length == 0)
        {
            return [];
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var byNumberOrId = Guid.TryParse(text, out var id)
            ? db.OrderSagas.AsNoTracking().Where(s => s.CorrelationId == id || s.OrderNumber == text)
            : db.OrderSagas.AsNoTracking().Where(s => s.OrderNumber == text);
        var found = await byNumberOrId.Take(20).Select(s => new { s.OrderNumber, s.CorrelationId, s.Status }).ToListAsync(cancellationToken);
        if (found.Count == 0)
        {
            var tracking = await db.Journal.AsNoTracking().Where(e => e.CorrelationId == text && e.TrackingId != null)
                .Select(e => e.TrackingId!.Value).Distinct().Take(20).ToListAsync(cancellationToken);
            found = await db.OrderSagas.AsNoTracking().Where(s => tracking.Contains(s.CorrelationId))
                .Select(s => new { s.OrderNumber, s.CorrelationId, s.Status }).ToListAsync(cancellationToken);
        }

        return [.. found.Select(f => (f.OrderNumber, f.CorrelationId, f.Status))];
    }

    public async Task<OrderJourney?> ReadAsync(Guid trackingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var saga = await db.OrderSagas.AsNoTracking().FirstOrDefaultAsync(s => s.CorrelationId == trackingId, cancellationToken);
        if (saga is null)
        {
            return null;
        }

        var journal = await db.Journal.AsNoTracking().Where(e => e.TrackingId == trackingId)
            .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id).Take(1000).ToListAsync(cancellationToken);
        var parked = await db.FailedMessages.AsNoTracking().Where(f => f.TrackingId == trackingId)
            .Select(f => new { f.Id, f.MessageType, f.Endpoint, f.Route, f.Reason, f.Attempts, f.FailedAt, f.Status, f.ResolvedBy })
            .ToListAsync(cancellationToken);

        var steps = journal.Select(e => (e.ReceivedAt, Step: StepOf(e)))
            .Concat(parked.Select(f => (f.FailedAt, Step: new TimelineStep(
                f.FailedAt, "parked", $"{f.MessageType} to {f.Endpoint ?? "(no endpoint)"}", f.Status,
                $"parked after {f.Attempts} attempts: {f.Reason}{(f.ResolvedBy is null ? "" : $" ({f.Status.ToLowerInvariant()} by {f.ResolvedBy})")}",
                f.Route, 0, TimeSpan.Zero, null, f.Id))))
            .OrderBy(s => s.Item1)
            .Select(s => s.Step)
            .ToList();
        for (var i = 1; i < steps.Count; i++)
        {
            steps[i] = steps[i] with { Since = steps[i].At - steps[i - 1].At };
        }

        var correlation = journal.FirstOrDefault(e => e.Direction == JournalDirection.Inbound)?.CorrelationId;
        var open = saga.CurrentState is not (OrderFulfillmentStates.Completed or OrderFulfillmentStates.Failed or OrderFulfillmentStates.Cancelled);
        return new OrderJourney(saga.OrderNumber, saga.CorrelationId, correlation, saga.Status, saga.CurrentState, saga.WaitingFor, saga.StepDeadline,
            saga.Reason, saga.CreatedAt, saga.UpdatedAt, open && !saga.CancelRequested, steps);
    }

    private static TimelineStep StepOf(JournalEntry e)
    {
        var type = e.MessageType.Split('.')[0];
        var kind = e.SourceAdapter == OperatorSource ? "operator"
            : e.Direction == JournalDirection.Inbound ? "intake"
            : e.Direction == JournalDirection.Outbound && e.Outcome is JournalOutcomes.Failed or JournalOutcomes.Redelivering ? "retry"
            : e.Direction == JournalDirection.Outbound && e.Outcome == JournalOutcomes.Skipped ? "skipped"
            : e.Direction == JournalDirection.Outbound && Compensations.Contains(type) ? "compensation"
            : e.Direction == JournalDirection.Outbound ? "delivery"
            : type.Contains("Timeout", StringComparison.OrdinalIgnoreCase) || type.Contains("TimedOut", StringComparison.OrdinalIgnoreCase) ? "timeout"
            : "reply";
        var what = e.Direction switch
        {
            JournalDirection.Inbound => $"{e.MessageType} over {e.SourceAdapter}",
            JournalDirection.Outbound => $"{e.MessageType} to {e.Destination ?? "(no endpoint)"}",
            _ => kind == "operator" ? $"{e.MessageType} at {e.Destination}" : $"{e.MessageType} handled by the saga",
        };
        return new TimelineStep(e.ReceivedAt, kind, what, e.Outcome, e.Detail, e.Route, e.DurationMs, TimeSpan.Zero, e.TraceId, null);
    }
}
