using System.ServiceModel;

namespace CommerceBus.Adapters.Soap.Wire;

/// <summary>The WSDL's <c>OrderServicePortType</c>, document/literal wrapped, as SoapCore dispatches it.</summary>
/// <remarks>Parameter names are the wrapper's child elements, hence <see cref="MessageParameterAttribute"/>.</remarks>
[ServiceContract(Namespace = LegacyOrderContract.Namespace, Name = "OrderServicePortType")]
public interface IOrderServiceContract
{
    [OperationContract(Action = LegacyOrderContract.PlaceOrderAction)]
    [XmlSerializerFormat]
    Task<OrderAck> PlaceOrder([MessageParameter(Name = "Order")] LegacyOrder? order);

    [OperationContract(Action = LegacyOrderContract.CancelOrderAction)]
    [XmlSerializerFormat]
    Task<OrderAck> CancelOrder([MessageParameter(Name = "OrderNumber")] string? orderNumber, [MessageParameter(Name = "Reason")] string? reason);

    [OperationContract(Action = LegacyOrderContract.GetOrderStatusAction)]
    [XmlSerializerFormat]
    Task<LegacyOrderStatus> GetOrderStatus([MessageParameter(Name = "OrderNumber")] string? orderNumber);
}
