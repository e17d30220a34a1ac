using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Hosting;
using CommerceBus.Fulfillment.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommerceBus.Fulfillment.Recovery;

/// <summary>
/// Refuses to start when <c>RedriveStalledAfter</c> is not longer than an endpoint's delayed retries: a re-drive would
/// then start a second retry chain for a command whose first chain is still waiting in the scheduler.
/// </summary>
internal sealed class RedriveStartupCheck(IServiceProvider services, IOptions<OrderFulfillmentOptions> saga) : StartupCheck
{
    public const string StalledAfterSetting = "CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter";

    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        var topology = services.GetRequiredService<EndpointTopology>().Current;
        var endpoints = topology.EndpointNames.Select(name => (name, topology.Retries.For(name).TotalDelay));
        var problems = Problems(saga.Value.RedriveStalledAfter, endpoints);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The re-drive configuration is not usable:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems));
        }

        return Task.CompletedTask;
    }

    /// <summary>What is wrong with <paramref name="stalledAfter"/> given each endpoint's total delayed retries.</summary>
    public static List<string> Problems(TimeSpan stalledAfter, IEnumerable<(string Endpoint, TimeSpan TotalDelay)> endpoints)
    {
        if (stalledAfter <= TimeSpan.Zero)
        {
            return [$"{StalledAfterSetting} '{stalledAfter}' must be above 00:00:00"];
        }

        return
        [
            .. endpoints
                .Where(e => stalledAfter <= e.TotalDelay)
                .Select(e => $"{StalledAfterSetting} ({stalledAfter}) must be longer than the delayed retries of endpoint '{e.Endpoint}' " +
                    $"(CommerceBus:Endpoints:{e.Endpoint}:Retries:Delayed, {e.TotalDelay} in all): a re-drive would start a second retry " +
                    "chain while the first still waits in the scheduler. Lengthen the one or shorten the other."),
        ];
    }
}
