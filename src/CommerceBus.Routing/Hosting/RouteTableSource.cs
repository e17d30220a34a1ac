using System.Diagnostics.CodeAnalysis;
using CommerceBus.Routing.Matching;
using CommerceBus.Routing.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Routing.Hosting;

/// <summary>Holds the routing table in force and replaces it, whole, when configuration changes and the new table is valid.</summary>
internal sealed class RouteTableSource : IRoutingTableSource, IDisposable
{
    private readonly IOptionsMonitor<RoutingOptions> options;
    private readonly RoutingSection section;
    private readonly ILogger<RouteTableSource> logger;
    private readonly Lock reloading = new();
    private readonly IDisposable? subscription;
    private RouteTable current;

    /// <exception cref="RoutingConfigurationException">The configured table is invalid; there is no last good one to fall back on.</exception>
    public RouteTableSource(IOptionsMonitor<RoutingOptions> options, RoutingSection section, ILogger<RouteTableSource> logger)
    {
        this.options = options;
        this.section = section;
        this.logger = logger;
        if (!TryBuild(out var table, out var problems))
        {
            throw new RoutingConfigurationException(problems);
        }

        current = table;
        RoutingLog.TableLoaded(logger, table.Routes.Count, table.Mode, DescribeDefault(table));
        subscription = options.OnChange(_ => Reload());
    }

    /// <summary>The table in force; read it once per message so one message never sees two tables.</summary>
    public RouteTable Current => Volatile.Read(ref current);

    IRoutingTable IRoutingTableSource.Current => Current;

    public void Dispose() => subscription?.Dispose();

    private void Reload()
    {
        // Reloads can overlap (a file watcher fires more than once); building from the monitor's current value under
        // a lock means the last swap is always the newest configuration.
        lock (reloading)
        {
            try
            {
                if (TryBuild(out var table, out var problems))
                {
                    Volatile.Write(ref current, table);
                    RoutingLog.TableReloaded(logger, table.Routes.Count, table.Mode, DescribeDefault(table));
                }
                else
                {
                    RoutingLog.ReloadRejected(logger, problems.Count, string.Concat(problems.Select(p => $"{Environment.NewLine} - {p}")));
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // This runs inside the configuration's change callback: throwing would surface in whatever triggered
                // the reload and still leave the old table, so say so here instead.
                RoutingLog.ReloadFailed(logger, exception);
            }
        }
    }

    private bool TryBuild([NotNullWhen(true)] out RouteTable? table, out IReadOnlyList<RoutingProblem> problems)
    {
        var shapeProblems = RoutingSettingsShapeValidator.Validate(section.Routing);
        RouteTableBuilder.TryBuild(options.CurrentValue, section.EndpointNames(), out table, out var optionProblems);
        problems = [.. shapeProblems, .. optionProblems];
        if (problems.Count > 0)
        {
            table = null;
        }

        return table is not null;
    }

    private static string DescribeDefault(RouteTable table) =>
        table.DefaultDecision is null ? "none (unroutable)" : $"[{string.Join(", ", table.DefaultDecision.Endpoints)}]";
}
