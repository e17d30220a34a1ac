using CommerceBus.Abstractions.Envelope;

namespace CommerceBus.Core.Bus;

/// <summary>
/// The flow headers of the message being consumed (<see cref="EnvelopeCodec.FlowHeadersOf"/>), held for its scope so
/// that every message sent or published while handling it carries them on (the correlation id through the whole flow).
/// </summary>
public sealed class FlowScope
{
    /// <summary>The flow headers under their header names: correlation id, source adapter, client headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

    /// <summary>The client's correlation id (flow id) of the message being consumed, if it carried one.</summary>
    public string? CorrelationId => EnvelopeCodec.CorrelationIdOf(Headers);
}
