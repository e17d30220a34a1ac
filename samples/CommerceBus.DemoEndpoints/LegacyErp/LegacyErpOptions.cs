namespace CommerceBus.DemoEndpoints.LegacyErp;

/// <summary>Where the demo Legacy ERP instances listen (configuration <c>CommerceBus:DemoEndpoints:LegacyErp</c>).</summary>
/// <remarks>The hub reaches them through the <c>soap</c> endpoints erp-eu and erp-us, whose Address must match.</remarks>
public sealed class LegacyErpOptions
{
    /// <summary>Start the two SOAP ERP instances beside the hub.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The base URL of ERP-EU's own HTTP server.</summary>
    public string EuUrl { get; set; } = "http://localhost:5101";

    /// <summary>The base URL of ERP-US's own HTTP server.</summary>
    public string UsUrl { get; set; } = "http://localhost:5102";

    /// <summary>The path of the booking service on each instance; its WSDL is at <c>?wsdl</c>.</summary>
    public string Path { get; set; } = "/LegacyErp/BookingService";
}
