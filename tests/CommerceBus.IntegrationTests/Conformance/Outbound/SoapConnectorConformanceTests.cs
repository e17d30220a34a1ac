using System.Xml.Linq;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Soap;
using CommerceBus.Conformance.Outbound;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Conformance.Outbound;

/// <summary>The <c>soap</c> connector, speaking a contract the test registers, runs the connector conformance suite against a real Kestrel server.</summary>
public sealed class SoapConnectorConformanceTests(SoapConnectorConformanceTests.ConformanceFactory factory)
    : OutboundConnectorConformanceTests<SoapConnectorConformanceTests.ConformanceFactory>(factory)
{
    public sealed class ConformanceFactory : IConnectorConformanceFactory, IAsyncLifetime
    {
        private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";

        private readonly ConformanceLedger _ledger = new();
        private readonly IConnectorFactory _connectors = ConnectorFactories.Services(hub => hub.AddSoapAdapter().AddSoapContract<ConformanceSoapContract>(ConformanceSoapContract.Name))
            .GetServices<IConnectorFactory>().Single(f => f.Kind == "soap");

        private ConformanceWebServer? _server;

        public ConnectorConformanceCapabilities Capabilities => new()
        {
            RequestReply = _connectors.Capabilities.RequestReply,
            Refuses = true,
            FailsTechnically = true,
            Hangs = true,
        };

        public async Task InitializeAsync() => _server = await ConformanceWebServer.StartAsync(ServeAsync);

        public async Task DisposeAsync() => await _server!.DisposeAsync();

        public IEndpointConnector CreateConnector(TimeSpan timeout) =>
            _connectors.Create("booking", new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["booking:Connector"] = "soap",
                ["booking:Contract"] = ConformanceSoapContract.Name,
                ["booking:Address"] = new Uri(_server!.Address, "Booking").ToString(),
                ["booking:TimeoutSeconds"] = ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }).Build().GetSection("booking"));

        public OutboundMessage NewMessage(EndpointBehaviour behaviour)
        {
            var book = new BookOrder(Guid.NewGuid(), ConformanceOrders.NewNumber(behaviour), "C-1", "EU", "EUR", 10.00m, [new FulfillmentLine("BOOK-001", 1, 10.00m)]);
            return new OutboundMessage
            {
                Endpoint = "booking",
                Command = book,
                Envelope = new MessageEnvelope { MessageId = Guid.NewGuid(), MessageType = "BookOrder.v1" },
                InstanceId = book.TrackingId,
                IdempotencyKey = $"{book.TrackingId}:BookOrder.v1",
            };
        }

        public EndpointRecord RecordOf(OutboundMessage message) => _ledger.RecordOf(message.IdempotencyKey);

        public bool IsRefusal(OutboundMessage message, object reply) => reply is BookingRefused;

        private async Task ServeAsync(HttpContext context)
        {
            var request = await XDocument.LoadAsync(context.Request.Body, LoadOptions.None, context.RequestAborted);
            var book = request.Descendants(ConformanceSoapContract.Ns + "Book").Single();
            var key = (string)book.Element(ConformanceSoapContract.Ns + "Key")!;
            var orderNumber = (string)book.Element(ConformanceSoapContract.Ns + "OrderNumber")!;
            _ledger.Received(key);
            XElement answer;
            switch (ConformanceOrders.BehaviourOf(orderNumber))
            {
                case EndpointBehaviour.Apply:
                    answer = new XElement(ConformanceSoapContract.Ns + "BookResponse",
                        new XElement(ConformanceSoapContract.Ns + "BookingId", _ledger.Apply(key, () => "BK-" + Guid.NewGuid().ToString("N")[..12])));
                    break;
                case EndpointBehaviour.Refuse:
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    answer = Fault("soap:Client", "the customer cannot be booked");
                    break;
                case EndpointBehaviour.Fail:
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    answer = Fault("soap:Server", "database down");
                    break;
                default:
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                    return;
            }

            context.Response.ContentType = "text/xml; charset=utf-8";
            var envelope = new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Soap.NamespaceName), new XElement(Soap + "Body", answer));
            await context.Response.WriteAsync(envelope.ToString(SaveOptions.DisableFormatting), context.RequestAborted);
        }

        private static XElement Fault(string code, string reason) =>
            new(Soap + "Fault", new XElement("faultcode", code), new XElement("faultstring", reason));
    }
}
