using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Hosting;
using CommerceBus.Core.Scheduling;
using CommerceBus.Fulfillment.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommerceBus.Fulfillment.Recovery;

/// <summary>
/// Refuses to start when <c>RedriveStalledAfter</c> is not longer than an endpoint's delayed retries plus the scheduler's
/// polling interval (a redelivery is sent up to one interval after it is due): every stall period would then find a
/// healthy retry chain still waiting in the scheduler, and the re-drive would postpone the saga instead of watching it.
/// </summary>
internal sealed class RedriveStartupCheck(IServiceProvider services, IOptions<OrderFulfillmentOptions> saga, IOptions<SchedulerOptions> scheduler) : StartupCheck
{
    public const string StalledAfterSetting = "CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter";
    public const string PollingIntervalSetting = "CommerceBus:Scheduler:PollingInterval";

    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        var topology = services.GetRequiredService<EndpointTopology>().Current;
        var endpoints = topology.EndpointNames.Select(name => (name, topology.Retries.For(name).TotalDelay));
        var problems = Problems(saga.Value.RedriveStalledAfter, scheduler.Value.PollingInterval, endpoints);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The re-drive configuration is not usable:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// What is wrong with <paramref name="stalledAfter"/> given the scheduler's <paramref name="pollingInterval"/> and
    /// each endpoint's total delayed retries.
    /// </summary>
    public static List<string> Problems(TimeSpan stalledAfter, TimeSpan pollingInterval, IEnumerable<(string Endpoint, TimeSpan TotalDelay)> endpoints)
    {
        if (stalledAfter <= TimeSpan.Zero)
        {
            return [$"{StalledAfterSetting} '{stalledAfter}' must be above 00:00:00"];
        }

        return
        [
            .. endpoints
                .Where(e => e.TotalDelay > TimeSpan.Zero && stalledAfter <= e.TotalDelay + pollingInterval)
                .Select(e => $"{StalledAfterSetting} ({stalledAfter}) must be longer than the delayed retries of endpoint '{e.Endpoint}' " +
                    $"(CommerceBus:Endpoints:{e.Endpoint}:Retries:Delayed, {e.TotalDelay} in all) plus the scheduler's polling " +
                    $"({PollingIntervalSetting}, {pollingInterval}; a redelivery is sent up to one interval late), " +
                    $"{e.TotalDelay + pollingInterval} in all: a healthy retry chain would outlast every stall period. " +
                    $"Lengthen {StalledAfterSetting}, or shorten the endpoint's delays or the polling interval."),
        ];
    }
}
