using System.ServiceModel;
using System.ServiceModel.Channels;
using System.ServiceModel.Description;
using System.ServiceModel.Dispatcher;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;

namespace CommerceBus.IntegrationTests.Soap.WsdlClient;

/// <summary>
/// A legacy order-entry system as WCF would build it from the shipped WSDL: <see cref="BasicHttpBinding"/> (SOAP 1.1)
/// and the hand-written client contract. It maps the OrderService's answers the way its README says a client should.
/// </summary>
public sealed class WcfOrderClient : IAdapterClient
{
    private readonly ChannelFactory<IOrderServicePortType> _factory;

    /// <summary>A client of the OrderService at <paramref name="address"/>, sending <paramref name="apiKey"/> as <c>X-Api-Key</c> when given.</summary>
    public WcfOrderClient(Uri address, string? apiKey = null)
    {
        var binding = new BasicHttpBinding
        {
            SendTimeout = TimeSpan.FromSeconds(60),
            ReceiveTimeout = TimeSpan.FromSeconds(60),
            MaxReceivedMessageSize = 1024 * 1024,
        };
        _factory = new ChannelFactory<IOrderServicePortType>(binding, new EndpointAddress(address));
        if (apiKey is not null)
        {
            _factory.Endpoint.EndpointBehaviors.Add(new ApiKeyHeader(apiKey));
        }

        Channel = _factory.CreateChannel();
    }

    /// <summary>The WCF channel itself, for tests that look at faults as WCF reports them.</summary>
    public IOrderServicePortType Channel { get; }

    public static WsdlOrder ToWsdl(PlaceOrder order) => new()
    {
        OrderNumber = order.OrderNumber ?? "",
        CustomerId = order.CustomerId ?? "",
        Currency = order.Currency ?? "",
        Region = order.Region ?? "",
        ShipTo = new WsdlAddress
        {
            Name = order.ShipTo?.Name ?? "",
            Street = order.ShipTo?.Street ?? "",
            City = order.ShipTo?.City ?? "",
            PostalCode = order.ShipTo?.PostalCode ?? "",
            Country = order.ShipTo?.Country ?? "",
        },
        Lines = [.. (order.Lines ?? []).Select(l => new WsdlOrderLine { Sku = l.Sku ?? "", Quantity = l.Quantity, UnitPrice = l.UnitPrice })],
    };

    public async Task<AdapterReply> PlaceOrderAsync(PlaceOrder order, CancellationToken cancellationToken)
    {
        try
        {
            return Reply(await Channel.PlaceOrderAsync(ToWsdl(order)));
        }
        catch (FaultException fault)
        {
            return Refused(fault);
        }
    }

    public async Task<AdapterReply> CancelOrderAsync(string orderNumber, string reason, CancellationToken cancellationToken)
    {
        try
        {
            return Reply(await Channel.CancelOrderAsync(orderNumber, reason));
        }
        catch (FaultException fault)
        {
            return Refused(fault);
        }
    }

    public async Task<string?> GetStatusAsync(string orderNumber, CancellationToken cancellationToken)
    {
        try
        {
            return (await Channel.GetOrderStatusAsync(orderNumber)).Status;
        }
        catch (FaultException fault) when (fault.Message.StartsWith("NotFound:", StringComparison.Ordinal))
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        ((ICommunicationObject)Channel).Abort();
        _factory.Abort();
        return ValueTask.CompletedTask;
    }

    /// <summary>An OrderAck: Accepted, or a refusal whose Message starts with its kind.</summary>
    public static AdapterReply Reply(WsdlOrderAck ack) => ack.Accepted
        ? AdapterReply.Yes(Guid.Parse(ack.TrackingId!), ack.Message ?? "")
        : AdapterReply.No(KindOf(ack.Message ?? ""), ack.Message ?? "");

    private static AdapterReply Refused(FaultException fault) =>
        AdapterReply.No(fault.Code.IsSenderFault ? Refusal.Invalid : Refusal.Unavailable, fault.Message);

    private static Refusal KindOf(string message) =>
        message.StartsWith("Conflict:", StringComparison.Ordinal) ? Refusal.Conflict
        : message.StartsWith("NotFound:", StringComparison.Ordinal) ? Refusal.NotFound
        : Refusal.Unavailable;

    /// <summary>Adds the client's API key to every request's HTTP headers, as a WCF client of a keyed hub does.</summary>
    private sealed class ApiKeyHeader(string apiKey) : IEndpointBehavior, IClientMessageInspector
    {
        public void ApplyClientBehavior(ServiceEndpoint endpoint, ClientRuntime clientRuntime) => clientRuntime.ClientMessageInspectors.Add(this);

        public object? BeforeSendRequest(ref Message request, IClientChannel channel)
        {
            if (!request.Properties.TryGetValue(HttpRequestMessageProperty.Name, out var value) || value is not HttpRequestMessageProperty http)
            {
                http = new HttpRequestMessageProperty();
                request.Properties[HttpRequestMessageProperty.Name] = http;
            }

            http.Headers["X-Api-Key"] = apiKey;
            return null;
        }

        public void AfterReceiveReply(ref Message reply, object correlationState)
        {
        }

        public void AddBindingParameters(ServiceEndpoint endpoint, BindingParameterCollection bindingParameters)
        {
        }

        public void ApplyDispatchBehavior(ServiceEndpoint endpoint, EndpointDispatcher endpointDispatcher)
        {
        }

        public void Validate(ServiceEndpoint endpoint)
        {
        }
    }
}
