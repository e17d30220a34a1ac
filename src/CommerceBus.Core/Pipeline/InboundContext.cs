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

    /// <summary>
    /// Whether the steps run again after the commit collided with a stored row (a message id or an order number taken
    /// already) or after a shared transaction failed. The first run reads nothing that a key decides at the commit: the
    /// inbox and an acceptor that only stages rows let the commit's unique keys refuse a duplicate, and a run again reads
    /// the stored row to answer it (duplicate, conflict), as the first run would have had it read first.
    /// </summary>
    public bool IsRetry { get; internal set; }

    /// <summary>The answer; a step that sets it short-circuits the steps after it.</summary>
    public InboundResult? Result { get; set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);
}
