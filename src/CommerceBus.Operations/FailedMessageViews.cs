using System.Text.Json;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Core.Failures;

namespace CommerceBus.Operations;

/// <summary>A failed message in a list: what failed where, why, and whether it still waits for an operator.</summary>
public sealed record FailedMessageSummary(
    long Id,
    Guid MessageId,
    string MessageType,
    string? Endpoint,
    string? Route,
    string? OrderNumber,
    string? ExceptionType,
    string Reason,
    int Attempts,
    DateTime FailedAt,
    string Status,
    string Kind)
{
    internal static FailedMessageSummary Of(FailedMessageRecord r) =>
        new(r.Id, r.MessageId, r.MessageType, r.Endpoint, r.Route, r.OrderNumber, r.ExceptionType, r.Reason, r.Attempts, r.FailedAt, r.Status, FailedMessageKind.Of(r));
}

/// <summary>One page of failed messages, newest first.</summary>
public sealed record FailedMessagePage(IReadOnlyList<FailedMessageSummary> Items, int Total, int Page, int PageSize);

/// <summary>Everything the store keeps about one failed message: the original body and headers, the exception and every attempt.</summary>
public sealed record FailedMessageDetails(
    long Id,
    Guid MessageId,
    string? CorrelationId,
    string MessageType,
    string? Endpoint,
    string? Route,
    string? OrderNumber,
    Guid? TrackingId,
    string Reason,
    string? ExceptionType,
    string? ExceptionMessage,
    string? StackTrace,
    JsonElement? Body,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<DeliveryAttempt> AttemptHistory,
    int Attempts,
    DateTime FailedAt,
    string Status,
    DateTime? ResolvedAt,
    string? ResolvedBy,
    long? ReplayOf,
    string Kind)
{
    internal static FailedMessageDetails Of(FailedMessageRecord r) => new(
        r.Id, r.MessageId, r.CorrelationId, r.MessageType, r.Endpoint, r.Route, r.OrderNumber, r.TrackingId, r.Reason,
        r.ExceptionType, r.ExceptionMessage, r.StackTrace,
        r.Body is null ? null : JsonDocument.Parse(r.Body).RootElement.Clone(),
        r.Headers is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(r.Headers) ?? [],
        r.AttemptHistory is null ? [] : JsonSerializer.Deserialize<List<DeliveryAttempt>>(r.AttemptHistory) ?? [],
        r.Attempts, r.FailedAt, r.Status, r.ResolvedAt, r.ResolvedBy, r.ReplayOf, FailedMessageKind.Of(r));
}

/// <summary>What a retry or discard did to one failed message.</summary>
public sealed record FailedMessageAction(long Id, string Status, string Detail);

/// <summary>A group retry: every failed message with this exception type at this endpoint (and, if given, on this route or of this type).</summary>
public sealed record RetryGroupRequest(string? ExceptionType, string? Endpoint, string? Route, string? MessageType);

/// <summary>What a group retry did: the messages sent again and those left alone, with why.</summary>
public sealed record RetryGroupResult(IReadOnlyList<FailedMessageAction> Retried, IReadOnlyList<FailedMessageAction> Skipped);
