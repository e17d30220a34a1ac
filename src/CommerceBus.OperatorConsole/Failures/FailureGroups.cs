using System.Security.Cryptography;
using System.Text;
using CommerceBus.Core.Failures;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommerceBus.OperatorConsole.Failures;

/// <summary>The failed messages waiting for an operator, grouped by endpoint and <see cref="ExceptionFingerprint"/>.</summary>
public sealed class FailureGroups(IDbContextFactory<HubDbContext> databases, IOptions<OperatorConsoleOptions> options)
{
    /// <summary>The groups, the largest first; at most <see cref="OperatorConsoleOptions.MaxGroupedFailures"/> messages (the oldest) are read.</summary>
    public async Task<IReadOnlyList<FailureGroup>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var waiting = await db.FailedMessages.AsNoTracking()
            .Where(f => f.Status == FailedMessageStatus.Failed)
            .OrderBy(f => f.Id)
            .Take(options.Value.MaxGroupedFailures)
            .Select(f => new { f.Id, f.Endpoint, f.ExceptionType, f.ExceptionMessage, f.Reason, f.FailedAt, f.MessageType })
            .ToListAsync(cancellationToken);

        return [.. waiting
            .GroupBy(f => (Endpoint: f.Endpoint ?? "(none)", Fingerprint: ExceptionFingerprint.Of(f.ExceptionType, f.ExceptionMessage ?? f.Reason)))
            .Select(g => new FailureGroup(
                KeyOf(g.Key.Endpoint, g.Key.Fingerprint),
                g.Key.Endpoint,
                g.First().ExceptionType ?? "(no exception)",
                g.Key.Fingerprint,
                g.Last().Reason,
                [.. g.Select(f => f.MessageType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                g.Min(f => f.FailedAt),
                g.Max(f => f.FailedAt),
                [.. g.Select(f => f.Id)]))
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.LastSeen)];
    }

    public async Task<FailureGroup?> FindAsync(string key, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(g => g.Key == key);

    /// <summary>The group of one failed message (its endpoint and fingerprint), whatever its status.</summary>
    public static string KeyOf(FailedMessageRecordView message) =>
        KeyOf(message.Endpoint ?? "(none)", ExceptionFingerprint.Of(message.ExceptionType, message.ExceptionMessage ?? message.Reason));

    private static string KeyOf(string endpoint, string fingerprint) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint + "\n" + fingerprint)))[..16];
}

/// <summary>The fields of a failed message its group is made of.</summary>
public sealed record FailedMessageRecordView(string? Endpoint, string? ExceptionType, string? ExceptionMessage, string Reason);
