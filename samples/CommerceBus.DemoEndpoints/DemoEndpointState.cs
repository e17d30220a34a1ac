using CommerceBus.DemoEndpoints.Inventory;
using CommerceBus.DemoEndpoints.LegacyErp;
using CommerceBus.DemoEndpoints.Payments;
using CommerceBus.DemoEndpoints.Shipping;

namespace CommerceBus.DemoEndpoints;

/// <summary>The state of the demo business endpoints, one instance per host, so tests can see what each endpoint did.</summary>
public sealed class DemoEndpointState
{
    public StockLedger Inventory { get; } = new();
    public PaymentsLedger Payments { get; } = new();
    public ErpBook ErpEu { get; } = new("ERP-EU");
    public ErpBook ErpUs { get; } = new("ERP-US");
    public ShippingDesk Shipping { get; } = new();
}
