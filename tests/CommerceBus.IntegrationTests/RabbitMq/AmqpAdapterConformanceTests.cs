using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.RabbitMq;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>The AMQP adapter runs the adapter conformance suite against a real broker, published with a plain AMQP client.</summary>
[Collection(RabbitCollection.Name)]
public sealed class AmqpAdapterConformanceTests(AmqpAdapterConformanceTests.ConformanceFactory factory)
    : InboundAdapterConformanceTests<AmqpAdapterConformanceTests.ConformanceFactory>(factory)
{
    public sealed class ConformanceFactory : AmqpHubFixture, IAdapterConformanceFactory
    {
        public AdapterCapabilities Capabilities
        {
            get
            {
                SkipWithoutBroker();
                return Hub.Services.GetServices<IInboundAdapter>().Single(a => a.Name == RabbitMqAdapter.AdapterName).Capabilities;
            }
        }

        protected override string Prefix => "conformance";

        public async Task<IAdapterClient> ConnectAsync(CancellationToken cancellationToken)
        {
            SkipWithoutBroker();
            return await AmqpConformanceClient.ConnectAsync(BrokerUri);
        }

        /// <summary>The suite's tests are skippable facts: without a broker (and not on CI) they skip like [RabbitFact] tests.</summary>
        private static void SkipWithoutBroker() => Skip.If(RabbitServer.SkipReason is not null, RabbitServer.SkipReason);
    }
}
