using System.Net;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>With the hub's bus on RabbitMQ, readiness follows the broker: 503 while it is stopped, 200 once it is back.</summary>
[Collection(RabbitCollection.Name)]
public sealed class BrokerReadinessTests
{
    [RabbitFact]
    public async Task Readiness_fails_with_503_while_the_broker_is_stopped_and_recovers_by_itself()
    {
        var vhost = await RabbitServer.CreateVirtualHostAsync("ready");
        try
        {
            await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["CommerceBus:RabbitMq:ConnectionString"] = vhost });
            await Eventually.MatchAsync(() => ReadinessTests.GetAsync(hub, "/health/ready"), r => r.Status == HttpStatusCode.OK, "the hub to be ready");

            await RabbitServer.StopAsync();
            try
            {
                var away = await Eventually.MatchAsync(() => ReadinessTests.GetAsync(hub, "/health/ready"), r => r.Status == HttpStatusCode.ServiceUnavailable, "readiness to fail while the broker is stopped");
                Assert.Equal("Unhealthy", away.Body.GetProperty("checks").GetProperty("broker").GetProperty("status").GetString());
                Assert.Equal(HttpStatusCode.OK, (await ReadinessTests.GetAsync(hub, "/health/live")).Status);
            }
            finally
            {
                await RabbitServer.StartAsync();
            }

            var back = await Eventually.MatchAsync(() => ReadinessTests.GetAsync(hub, "/health/ready"), r => r.Status == HttpStatusCode.OK, "readiness to recover once the broker is back", TimeSpan.FromSeconds(120));
            Assert.Equal("Healthy", back.Body.GetProperty("checks").GetProperty("broker").GetProperty("status").GetString());
        }
        finally
        {
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }
}
