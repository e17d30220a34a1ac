using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Hosting;
using CommerceBus.Fulfillment.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Fulfillment.Recovery;

/// <summary>
/// Warns at start-up when an endpoint's delayed retries outlast the saga's step timeout: the order would then fail (and
/// compensate) before the last redelivery.
/// </summary>
internal sealed partial class StepTimeoutStartupCheck(
    IServiceProvider services,
    IOptions<OrderFulfillmentOptions> saga,
    ILogger<StepTimeoutStartupCheck> logger) : StartupCheck
{
    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        var topology = services.GetRequiredService<EndpointTopology>().Current;
        var policies = topology.Retries;
        var shortest = saga.Value.StepTimeouts.Values.Append(saga.Value.StepTimeout).Min();
        foreach (var endpoint in topology.EndpointNames)
        {
            if (policies.For(endpoint).TotalDelay >= shortest)
            {
                LogOutlastsTimeout(logger, endpoint, policies.For(endpoint).TotalDelay, shortest);
            }
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Endpoint {Endpoint}: its delayed retries take {TotalDelay}, not less than the shortest saga step timeout {StepTimeout}; an order may fail on its timeout before the last redelivery (shorten CommerceBus:Endpoints:{Endpoint}:Retries:Delayed or lengthen CommerceBus:Sagas:OrderFulfillment:StepTimeout)")]
    private static partial void LogOutlastsTimeout(ILogger logger, string endpoint, TimeSpan totalDelay, TimeSpan stepTimeout);
}
