using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>
/// The Prometheus server of a test run (scripts/servers.sh starts it): <c>COMMERCEBUS_TEST_PROMETHEUS</c> is its address,
/// <c>COMMERCEBUS_TEST_PROMETHEUS_TARGETS</c> the directory of its file service discovery, which it reads every second.
/// </summary>
public static class PrometheusServer
{
    public const string EnvironmentVariable = "COMMERCEBUS_TEST_PROMETHEUS";
    public const string TargetsVariable = "COMMERCEBUS_TEST_PROMETHEUS_TARGETS";

    /// <summary>Why Prometheus tests skip, or null when they run: always on CI, where a missing server must fail, never skip.</summary>
    internal static string? SkipReason =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable))
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "Prometheus is not configured: run bash scripts/test.sh, which installs and starts it";

    private static Uri Address => new(Environment.GetEnvironmentVariable(EnvironmentVariable)
        ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set: run bash scripts/test.sh"));

    /// <summary>Has Prometheus scrape <paramref name="target"/> (host:port) with the label <c>hub=<paramref name="hub"/></c> until disposed.</summary>
    public static IDisposable Scrape(string target, string hub)
    {
        var directory = Environment.GetEnvironmentVariable(TargetsVariable)
            ?? throw new InvalidOperationException($"{TargetsVariable} is not set: run bash scripts/test.sh");
        var file = Path.Combine(directory, hub + ".json");
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new[] { new { targets = new[] { target }, labels = new { hub } } }));
        // Prometheus reads *.json: the file appears whole.
        File.Move(temporary, file, overwrite: true);
        return new Target(file);
    }

    /// <summary>The value of an instant query that returns one series, or null when it returns none.</summary>
    public static async Task<double?> QueryAsync(string promql)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var answer = await http.GetFromJsonAsync<JsonElement>("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        var result = answer.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0
            ? null
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private sealed class Target(string file) : IDisposable
    {
        public void Dispose() => File.Delete(file);
    }
}
