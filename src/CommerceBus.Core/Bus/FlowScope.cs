namespace CommerceBus.Core.Bus;

/// <summary>
/// The envelope values of the message being consumed, held for its scope so that every message sent or published
/// while handling it carries them on (the correlation id through the whole flow).
/// </summary>
public sealed class FlowScope
{
    public string? CorrelationId { get; set; }

    public string? SourceAdapter { get; set; }

    public IReadOnlyList<KeyValuePair<string, object>> ClientHeaders { get; set; } = [];
}
