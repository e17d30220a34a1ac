namespace CommerceBus.DemoEndpoints.Payments;

/// <summary>Where the demo Payments HTTP service listens (configuration <c>CommerceBus:DemoEndpoints:Payments</c>).</summary>
public sealed class PaymentsHttpOptions
{
    /// <summary>Starts the service with the demo endpoints; off when the hub talks to a Payments service of its own.</summary>
    public bool Enabled { get; set; } = true;

    public string Url { get; set; } = "http://localhost:5103";
}
