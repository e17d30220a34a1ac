namespace CommerceBus.Core.Sagas;

/// <summary>The order fulfillment saga's settings (configuration <c>CommerceBus:Sagas:OrderFulfillment</c>).</summary>
public sealed class OrderFulfillmentOptions
{
    /// <summary>How long the saga waits for any step's answer before it compensates and fails the order.</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per-step overrides, keyed by the step's command: <c>ReserveStock</c>, <c>CapturePayment</c>, <c>BookOrder</c>, <c>BookShipment</c>.</summary>
    public Dictionary<string, TimeSpan> StepTimeouts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan TimeoutFor(string step) => StepTimeouts.TryGetValue(step, out var timeout) ? timeout : StepTimeout;
}
