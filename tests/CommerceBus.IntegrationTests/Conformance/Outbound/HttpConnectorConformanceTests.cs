using System.Text.Json;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Http;
using CommerceBus.Conformance.Outbound;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CommerceBus.IntegrationTests.Conformance.Outbound;

/// <summary>The <c>http</c> connector, speaking a contract the test registers, runs the connector conformance suite against a real Kestrel server.</summary>
public sealed class HttpConnectorConformanceTests(HttpConnectorConformanceTests.ConformanceFactory factory)
    : OutboundConnectorConformanceTests<HttpConnectorConformanceTests.ConformanceFactory>(factory)
{
    public sealed class ConformanceFactory : IConnectorConformanceFactory, IAsyncLifetime
    {
        private readonly ConformanceLedger _ledger = new();
        private readonly HttpConnectorFactory _connectors = ConnectorFactories.Http(hub => hub.AddHttpContract<ConformanceHttpContract>(ConformanceHttpContract.Name));
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
            _connectors.Create("charges", new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["charges:Connector"] = "http",
                ["charges:Contract"] = ConformanceHttpContract.Name,
                ["charges:BaseUrl"] = _server!.Address.ToString(),
                ["charges:AttemptTimeout"] = timeout.ToString(),
                ["charges:TotalTimeout"] = timeout.ToString(),
                ["charges:MaxRetries"] = "1",
                ["charges:RetryDelay"] = "00:00:00.050",
            }).Build().GetSection("charges"));

        public OutboundMessage NewMessage(EndpointBehaviour behaviour)
        {
            var capture = new CapturePayment(Guid.NewGuid(), ConformanceOrders.NewNumber(behaviour), "C-1", 10.00m, "EUR");
            return new OutboundMessage
            {
                Endpoint = "charges",
                Command = capture,
                Envelope = new MessageEnvelope { MessageId = Guid.NewGuid(), MessageType = "CapturePayment.v1" },
                InstanceId = capture.TrackingId,
                IdempotencyKey = $"{capture.TrackingId}:CapturePayment.v1",
            };
        }

        public EndpointRecord RecordOf(OutboundMessage message) => _ledger.RecordOf(message.IdempotencyKey);

        public bool IsRefusal(OutboundMessage message, object reply) => reply is PaymentDeclined;

        private async Task ServeAsync(HttpContext context)
        {
            var key = context.Request.Headers[HttpEndpointConnector.IdempotencyKeyHeader].ToString();
            using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            var orderNumber = body.RootElement.GetProperty("orderNumber").GetString()!;
            _ledger.Received(key);
            switch (ConformanceOrders.BehaviourOf(orderNumber))
            {
                case EndpointBehaviour.Apply:
                    context.Response.StatusCode = StatusCodes.Status201Created;
                    await context.Response.WriteAsync(_ledger.Apply(key, () => "PAY-" + Guid.NewGuid().ToString("N")[..12]));
                    break;
                case EndpointBehaviour.Refuse:
                    context.Response.StatusCode = StatusCodes.Status402PaymentRequired;
                    await context.Response.WriteAsync("card declined");
                    break;
                case EndpointBehaviour.Fail:
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    break;
                default:
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                    break;
            }
        }
    }
}
