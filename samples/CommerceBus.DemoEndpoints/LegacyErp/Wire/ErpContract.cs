namespace CommerceBus.DemoEndpoints.LegacyErp.Wire;

/// <summary>The names of <c>contracts/demo/legacy-erp/LegacyErp.wsdl</c>, which this service serves.</summary>
public static class ErpContract
{
    public const string Namespace = "urn:commercebus:demo:legacy-erp:v1";
    public const string BookOrderAction = Namespace + "/BookOrder";
    public const string CancelBookingAction = Namespace + "/CancelBooking";
}
