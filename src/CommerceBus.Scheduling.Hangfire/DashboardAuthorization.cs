using CommerceBus.Core.Scheduling;
using Hangfire.Dashboard;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>Hangfire's dashboard asks the hub's operator check (<see cref="DashboardAuthorizationFilter"/>) who may open it.</summary>
internal sealed class DashboardAuthorization(SchedulerOptions options) : IDashboardAuthorizationFilter
{
    private readonly DashboardAuthorizationFilter _filter = new(options);

    public bool Authorize(DashboardContext context) => _filter.IsAllowed(context.GetHttpContext());
}
