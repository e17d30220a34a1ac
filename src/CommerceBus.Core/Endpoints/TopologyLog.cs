using CommerceBus.Routing;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Endpoints;

/// <summary>The topology's log events (2150-2159).</summary>
internal static partial class TopologyLog
{
    [LoggerMessage(EventId = 2150, EventName = "TopologyLoaded", Level = LogLevel.Information,
        Message = "Topology {Version} loaded: {RuleCount} routing rule(s), mode {Mode}, default route {DefaultRoute}; endpoints {Endpoints}")]
    public static partial void Loaded(ILogger logger, long version, int ruleCount, RoutingMode mode, string defaultRoute, string endpoints);

    [LoggerMessage(EventId = 2151, EventName = "TopologyReloaded", Level = LogLevel.Information,
        Message = "Topology {Version} in force: {RuleCount} routing rule(s), mode {Mode}, default route {DefaultRoute}; endpoints {Endpoints} (new or changed: {Changed}; removed: {Removed})")]
    public static partial void Reloaded(ILogger logger, long version, int ruleCount, RoutingMode mode, string defaultRoute, string endpoints, string changed, string removed);

    [LoggerMessage(EventId = 2152, EventName = "TopologyReloadRejected", Level = LogLevel.Error,
        Message = "Topology reload refused, topology {Version} stays in force; {ProblemCount} problem(s):{Problems}")]
    public static partial void ReloadRejected(ILogger logger, long version, int problemCount, string problems);

    [LoggerMessage(EventId = 2153, EventName = "TopologyReloadFailed", Level = LogLevel.Error,
        Message = "Topology reload failed unexpectedly, topology {Version} stays in force")]
    public static partial void ReloadFailed(ILogger logger, Exception exception, long version);

    [LoggerMessage(EventId = 2154, EventName = "ConnectorDisposed", Level = LogLevel.Information,
        Message = "Endpoint '{Endpoint}' (connector {Kind}): connector closed, no topology and no delivery uses it any more")]
    public static partial void ConnectorDisposed(ILogger logger, string endpoint, string kind);

    [LoggerMessage(EventId = 2155, EventName = "ConnectorDisposeFailed", Level = LogLevel.Warning,
        Message = "Endpoint '{Endpoint}' (connector {Kind}): closing its connector failed")]
    public static partial void ConnectorDisposeFailed(ILogger logger, Exception exception, string endpoint, string kind);
}
