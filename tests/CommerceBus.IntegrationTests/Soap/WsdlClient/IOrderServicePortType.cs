using System.ServiceModel;

namespace CommerceBus.IntegrationTests.Soap.WsdlClient;

// The client side of contracts/wire/legacy-soap/OrderService.wsdl, written from the WSDL alone (as dotnet-svcutil would
// generate it), not from the hub's code: portType OrderServicePortType, document/literal wrapped, XmlSerializer.

/// <summary>The WSDL's portType as a WCF client contract.</summary>
[ServiceContract(Namespace = "urn:commercebus:legacy:orders:v1", Name = "OrderServicePortType")]
public interface IOrderServicePortType
{
    [OperationContract(Action = "urn:commercebus:legacy:orders:v1/PlaceOrder", ReplyAction = "*")]
    [XmlSerializerFormat(SupportFaults = true)]
    Task<WsdlOrderAck> PlaceOrderAsync([MessageParameter(Name = "Order")] WsdlOrder order);

    [OperationContract(Action = "urn:commercebus:legacy:orders:v1/CancelOrder", ReplyAction = "*")]
    [XmlSerializerFormat(SupportFaults = true)]
    Task<WsdlOrderAck> CancelOrderAsync([MessageParameter(Name = "OrderNumber")] string orderNumber, [MessageParameter(Name = "Reason")] string reason);

    [OperationContract(Action = "urn:commercebus:legacy:orders:v1/GetOrderStatus", ReplyAction = "*")]
    [XmlSerializerFormat(SupportFaults = true)]
    Task<WsdlOrderStatus> GetOrderStatusAsync([MessageParameter(Name = "OrderNumber")] string orderNumber);
}
