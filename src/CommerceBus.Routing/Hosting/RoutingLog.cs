using Microsoft.Extensions.Logging;

namespace CommerceBus.Routing.Hosting;

/// <summary>The router's log events (2100-2109).</summary>
internal static partial class RoutingLog
{
    [LoggerMessage(EventId = 2100, EventName = "RouteTableLoaded", Level = LogLevel.Information,
        Message = "Routing table loaded: {RuleCount} rule(s), mode {Mode}, default route {DefaultRoute}")]
    public static partial void TableLoaded(ILogger logger, int ruleCount, RoutingMode mode, string defaultRoute);

    [LoggerMessage(EventId = 2101, EventName = "RouteTableReloaded", Level = LogLevel.Information,
        Message = "Routing table reloaded: {RuleCount} rule(s), mode {Mode}, default route {DefaultRoute}")]
    public static partial void TableReloaded(ILogger logger, int ruleCount, RoutingMode mode, string defaultRoute);

    [LoggerMessage(EventId = 2102, EventName = "RouteTableReloadRejected", Level = LogLevel.Error,
        Message = "Routing table reload rejected, the previous table stays in force; {ProblemCount} problem(s):{Problems}")]
    public static partial void ReloadRejected(ILogger logger, int problemCount, string problems);

    [LoggerMessage(EventId = 2103, EventName = "RouteTableReloadFailed", Level = LogLevel.Error,
        Message = "Routing table reload failed unexpectedly, the previous table stays in force")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);
}
