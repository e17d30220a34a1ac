using System.Diagnostics;

namespace CommerceBus.Abstractions.Diagnostics;

/// <summary>W3C trace context (<c>traceparent</c>) as text: what goes into message headers and what comes out of them.</summary>
public static class TraceContext
{
    /// <summary>The W3C header name, the same on HTTP and in AMQP headers.</summary>
    public const string TraceParent = "traceparent";

    public const string TraceState = "tracestate";

    /// <summary>The current span as a <c>traceparent</c> value, or null when there is none.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The trace id of the current span, as 32 hex digits, or null.</summary>
    public static string? CurrentTraceId() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.TraceId.ToHexString() : null;

    /// <summary>Reads a <c>traceparent</c> value; a missing or malformed one gives the default (no parent).</summary>
    public static ActivityContext Parse(string? traceParent, string? traceState = null) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
}
