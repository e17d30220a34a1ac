namespace CommerceBus.DemoEndpoints.LegacyErp;

/// <summary>The ERP refuses a booking; answered as a Client/Sender fault with a <c>BookingRefused</c> detail.</summary>
internal sealed class ErpRefusalException(string erp, string reason) : Exception(reason)
{
    public string Erp { get; } = erp;
}
