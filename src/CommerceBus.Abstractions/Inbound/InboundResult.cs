using CommerceBus.Contracts.Validation;

namespace CommerceBus.Abstractions.Inbound;

/// <summary>How the hub answered an inbound command; each adapter renders it in its protocol's own way.</summary>
public sealed record InboundResult
{
    public required InboundOutcome Outcome { get; init; }

    public string? OrderNumber { get; init; }

    /// <summary>The order's tracking id: set when accepted (also for an idempotent re-send) and on conflict.</summary>
    public Guid? TrackingId { get; init; }

    /// <summary>The order status after this command, when there is an order.</summary>
    public string? Status { get; init; }

    /// <summary>Every broken field rule, when <see cref="InboundOutcome.Invalid"/>.</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>A sentence for the client saying what happened and, on refusal, why.</summary>
    public string Detail { get; init; } = "";

    /// <summary>
    /// For <see cref="InboundOutcome.Unavailable"/>: the same message gets the same answer however often it is tried,
    /// until the hub's configuration changes (no route takes it). An adapter that could retry it (a queue) refuses it
    /// at once instead; a client that asks is still told to retry later.
    /// </summary>
    public bool Permanent { get; init; }

    public bool IsAccepted => Outcome is InboundOutcome.Accepted or InboundOutcome.Duplicate;
}

/// <summary>The kinds of answer the hub gives an inbound command.</summary>
public enum InboundOutcome
{
    /// <summary>Accepted and on disk; the flow goes on asynchronously.</summary>
    Accepted,

    /// <summary>The same command was accepted before; this is the first answer again and nothing new happens.</summary>
    Duplicate,

    /// <summary>A field breaks a rule; nothing happened.</summary>
    Invalid,

    /// <summary>The command conflicts with what the hub has (an order number reused for another order, a cancel too late).</summary>
    Conflict,

    /// <summary>The command names an order the hub does not know.</summary>
    NotFound,

    /// <summary>The hub could not accept the command now (storage down, shutting down); the client may retry.</summary>
    Unavailable,
}
