using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Observability.Heartbeats;
using CommerceBus.Observability.Metrics;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommerceBus.OperatorConsole.Overview;

/// <summary>
/// Reads the overview: traffic per adapter and endpoint from the journal over the window, endpoint up/down from the
/// heartbeats, the orders and sagas from the saga rows, the outbox and failed messages from the state sampler the
/// metrics use. Only when the page is asked for: an idle hub nobody watches runs none of it.
/// </summary>
public sealed class OverviewQuery(
    IDbContextFactory<HubDbContext> databases,
    IEndpointHeartbeats heartbeats,
    HubStateSampler state,
    EndpointTopology topology,
    TimeProvider clock,
    IOptions<OperatorConsoleOptions> options)
{
    private static readonly string[] IntakeSuccess = [JournalOutcomes.Accepted, JournalOutcomes.Duplicate, JournalOutcomes.Handled];

    public async Task<HubOverview> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = options.Value.OverviewWindow;
        var since = (now - window).UtcDateTime;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);

        var traffic = await db.Journal.AsNoTracking()
            .Where(e => e.ReceivedAt >= since && e.Direction != JournalDirection.Internal)
            .GroupBy(e => new { e.Direction, e.SourceAdapter, e.Destination, e.Outcome })
            .Select(g => new TrafficCell(g.Key.Direction, g.Key.SourceAdapter, g.Key.Destination, g.Key.Outcome, g.LongCount(), g.Sum(e => e.DurationMs), g.Max(e => e.DurationMs)))
            .ToListAsync(cancellationToken);
        var minutes = Math.Max(window.TotalMinutes, 1.0 / 60);
        var adapters = Rows(traffic.Where(c => c.Direction == JournalDirection.Inbound), c => c.Adapter, c => !IntakeSuccess.Contains(c.Outcome), minutes);
        var endpoints = Rows(
            // A scheduled redelivery is a note in the chain, not a delivery: its attempts are counted when they run.
            traffic.Where(c => c.Direction == JournalDirection.Outbound && c.Outcome != JournalOutcomes.Redelivering),
            c => c.Destination ?? "(none)", c => c.Outcome == JournalOutcomes.Failed, minutes);

        var byStatus = await db.OrderSagas.AsNoTracking().GroupBy(s => s.Status)
            .Select(g => new { Status = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var waitingRows = db.OrderSagas.AsNoTracking().Where(s => s.WaitingFor != null);
        var waitingCount = await waitingRows.LongCountAsync(cancellationToken);
        var oldest = await waitingRows.OrderBy(s => s.UpdatedAt).Take(10)
            .Select(s => new { s.OrderNumber, s.CorrelationId, s.CurrentState, s.WaitingFor, s.UpdatedAt, s.StepDeadline })
            .ToListAsync(cancellationToken);
        var recent = await db.OrderSagas.AsNoTracking().OrderByDescending(s => s.StatusChangedAt).Take(10)
            .Select(s => new RecentOrder(s.OrderNumber, s.Status, s.CurrentState, s.StatusChangedAt, s.Reason))
            .ToListAsync(cancellationToken);

        var snapshot = await state.GetAsync(cancellationToken);
        var utcNow = now.UtcDateTime;
        return new HubOverview(
            now,
            window,
            adapters,
            endpoints,
            heartbeats.States,
            [.. topology.Current.EndpointNames.Order(StringComparer.OrdinalIgnoreCase)],
            byStatus.ToDictionary(s => s.Status, s => s.Count, StringComparer.Ordinal),
            [.. oldest.Select(s => new WaitingSaga(s.OrderNumber, s.CorrelationId, s.CurrentState, s.WaitingFor!, utcNow - s.UpdatedAt, s.StepDeadline is { } d ? d - utcNow : null))],
            waitingCount,
            snapshot.OutboxPending,
            snapshot.OldestOutboxAge,
            snapshot.FailedMessagesByStatus.GetValueOrDefault(FailedMessageStatus.Failed),
            recent);
    }

    private static List<TrafficRow> Rows(IEnumerable<TrafficCell> cells, Func<TrafficCell, string> name, Func<TrafficCell, bool> failed, double minutes) =>
        [.. cells.GroupBy(name, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var count = g.Sum(c => c.Count);
                return new TrafficRow(g.Key, count, g.Where(failed).Sum(c => c.Count), count / minutes, count == 0 ? 0 : g.Sum(c => c.TotalMs) / count, g.Max(c => c.MaxMs));
            })
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];

    private sealed record TrafficCell(JournalDirection Direction, string Adapter, string? Destination, string Outcome, long Count, double TotalMs, double MaxMs);
}
