using System.Diagnostics;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Validation;
using CommerceBus.Persistence;
using CommerceBus.Routing;

namespace CommerceBus.Core.Pipeline;

/// <summary>One inbound command on its way through the pipeline, and what each step decided about it.</summary>
public sealed class InboundContext(InboundMessage message, HubDbContext db, CancellationToken cancellationToken)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public InboundMessage Message { get; } = message;

    public object Command => Message.Command;

    /// <summary>The unit of work of this command: what the steps add here is committed together, or not at all.</summary>
    public HubDbContext Db { get; } = db;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Set by the normalize step before any other step runs.</summary>
    public MessageEnvelope Envelope { get; set; } = new();

    public IReadOnlyList<FieldError> Errors { get; set; } = [];

    public RouteDecision? Route { get; set; }

    /// <summary>The order this command is about, once known.</summary>
    public string? OrderNumber { get; set; }

    public Guid? TrackingId { get; set; }

    /// <summary>Whether the command must be dispatched after commit (false for a duplicate or a refusal).</summary>
    public bool ShouldDispatch { get; set; }

    /// <summary>The answer; a step that sets it short-circuits the steps after it.</summary>
    public InboundResult? Result { get; set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);
}
