namespace CommerceBus.Core.Pipeline;

/// <summary>Continues the pipeline with the next step.</summary>
public delegate Task InboundStepDelegate(InboundContext context);

/// <summary>
/// One step of the inbound pipeline, wrapping the steps after it: <c>(context, next)</c>. Cross-cutting work
/// (normalizing, validation, journaling, routing, dispatch) lives in steps, never in adapters.
/// </summary>
public interface IInboundStep
{
    Task InvokeAsync(InboundContext context, InboundStepDelegate next);
}
