using System.Diagnostics;
using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>The alert rules and the scrape configuration in <c>deploy/observability</c> pass Prometheus's own checker.</summary>
public sealed class AlertRulesTests
{
    [Fact]
    public async Task Alert_rules_pass_promtool_check_rules()
    {
        var (exit, output) = await PromtoolAsync("check", "rules", Path.Combine(DeployDirectory(), "alerts.yml"));
        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public async Task Scrape_configuration_passes_promtool_check_config()
    {
        var (exit, output) = await PromtoolAsync("check", "config", Path.Combine(DeployDirectory(), "prometheus.yml"));
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void Every_metric_the_alerts_and_the_dashboard_use_is_documented_in_the_readme()
    {
        var readme = File.ReadAllText(Path.Combine(DeployDirectory(), "..", "..", "README.md"));
        var used = File.ReadAllText(Path.Combine(DeployDirectory(), "alerts.yml")) + File.ReadAllText(Path.Combine(DeployDirectory(), "grafana-dashboard.json"));
        var metrics = System.Text.RegularExpressions.Regex.Matches(used, "commercebus_[a-z_]+")
            .Select(m => m.Value.Replace("_bucket", "", StringComparison.Ordinal).Replace("_total", "", StringComparison.Ordinal))
            .Distinct();
        Assert.All(metrics, metric => Assert.Contains(metric, readme, StringComparison.Ordinal));
    }

    private static string DeployDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "deploy", "observability");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"deploy/observability is not above {AppContext.BaseDirectory}");
    }

    private static async Task<(int Exit, string Output)> PromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("promtool did not start: bash scripts/test.sh installs it (Debian package prometheus)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }
}
