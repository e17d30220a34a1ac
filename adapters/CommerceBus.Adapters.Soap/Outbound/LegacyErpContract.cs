namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>The names of <c>contracts/demo/legacy-erp/LegacyErp.wsdl</c>, the booking service the connector calls.</summary>
internal static class LegacyErpContract
{
    public const string Namespace = "urn:commercebus:demo:legacy-erp:v1";
    public const string BookOrder = nameof(BookOrder);
    public const string CancelBooking = nameof(CancelBooking);

    public static string ActionOf(string operation) => Namespace + "/" + operation;
}
