namespace CommerceBus.DemoEndpoints.Shipping;

/// <summary>Where the demo shipping system listens (configuration <c>CommerceBus:DemoEndpoints:Shipping</c>).</summary>
public sealed class ShippingServerOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>An IP address; the legacy system is only reachable from the hub's machine by default.</summary>
    public string Address { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5091;

    /// <summary>Like many legacy systems, it hangs up on connections that stay silent this long.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
