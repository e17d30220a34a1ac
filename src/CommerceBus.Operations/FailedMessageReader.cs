using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Operations;

/// <summary>Reads the failed-message store for the operator's surfaces (the API, the console): one message, and its audit trail.</summary>
public sealed class FailedMessageReader(IDbContextFactory<HubDbContext> databases)
{
    /// <summary>The source adapter of the journal entries that record operator actions.</summary>
    public const string AuditSource = "operations";

    public async Task<FailedMessageDetails?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.FailedMessages.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        return record is null ? null : FailedMessageDetails.Of(record);
    }

    /// <summary>The journal entries of the operator actions taken on failed message <paramref name="id"/>, oldest first.</summary>
    public async Task<IReadOnlyList<JournalEntry>> AuditOfAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.FailedMessages.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.MessageId, f.TrackingId }).FirstOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return [];
        }

        // Each action's detail starts "failed message {id} ..." (FailedMessageReplayer).
        var prefix = $"failed message {id} ";
        var entries = await db.Journal.AsNoTracking()
            .Where(e => e.SourceAdapter == AuditSource && e.MessageId == record.MessageId)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return [.. entries.Where(e => e.Detail != null && e.Detail.StartsWith(prefix, StringComparison.Ordinal))];
    }
}
