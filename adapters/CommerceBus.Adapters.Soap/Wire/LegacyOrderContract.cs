namespace CommerceBus.Adapters.Soap.Wire;

/// <summary>The names of <c>contracts/wire/legacy-soap/OrderService.wsdl</c> that the adapter must answer to exactly.</summary>
public static class LegacyOrderContract
{
    public const string Namespace = "urn:commercebus:legacy:orders:v1";

    public const string PlaceOrder = nameof(PlaceOrder);
    public const string CancelOrder = nameof(CancelOrder);
    public const string GetOrderStatus = nameof(GetOrderStatus);

    public const string PlaceOrderAction = Namespace + "/" + PlaceOrder;
    public const string CancelOrderAction = Namespace + "/" + CancelOrder;
    public const string GetOrderStatusAction = Namespace + "/" + GetOrderStatus;

    /// <summary>The operations (body element names) and their SOAPAction values.</summary>
    public static IReadOnlyDictionary<string, string> Actions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PlaceOrder] = PlaceOrderAction,
        [CancelOrder] = CancelOrderAction,
        [GetOrderStatus] = GetOrderStatusAction,
    };
}
