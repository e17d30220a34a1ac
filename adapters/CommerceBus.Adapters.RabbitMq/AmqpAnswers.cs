using CommerceBus.Abstractions.Inbound;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>The words the adapter puts on a rejected message and in a reply, from the hub's answer.</summary>
internal static class AmqpAnswers
{
    /// <summary>Names the field and the rule: every broken field rule, or the hub's sentence for a conflict or an unknown order.</summary>
    public static string ReasonOf(InboundResult result) =>
        result.Outcome == InboundOutcome.Invalid && result.Errors.Count > 0
            ? string.Join("; ", result.Errors)
            : result.Detail;
}
