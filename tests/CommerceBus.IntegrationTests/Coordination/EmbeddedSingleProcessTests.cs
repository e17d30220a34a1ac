using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Sagas;
using CommerceBus.Persistence.Coordination;
using Xunit;

namespace CommerceBus.IntegrationTests.Coordination;

/// <summary>
/// Embedded mode is one process: a second hub on the same SQLite file refuses to start and says how to run several
/// hubs; a hub killed with SIGKILL leaves nothing that blocks the next start (the OS lock dies with the process).
/// </summary>
public sealed class EmbeddedSingleProcessTests
{
    [Fact]
    public async Task A_second_hub_process_on_the_sqlite_file_is_refused_and_a_new_one_starts_after_the_first_is_killed()
    {
        var data = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var settings = new Dictionary<string, string> { ["CommerceBus:Storage:SqlitePath"] = Path.Combine(data, "commercebus.db") };

        using var first = await HubProcess.StartAsync(data, settings);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => HubProcess.StartAsync(data, settings));
        AssertSaysHowToRunSeveral(refused.Message);

        // The first is still the one serving, untouched by the refused start.
        using (var health = await first.Http.GetAsync("/health"))
        {
            Assert.True(health.IsSuccessStatusCode, "the first hub still answers /health");
        }

        first.Crash();
        using var next = await HubProcess.StartAsync(data, settings);
        using var answer = await next.Http.GetAsync("/health");
        Assert.True(answer.IsSuccessStatusCode, $"the hub started after the kill answers /health (log: {next.Log})");
    }

    [Fact]
    public async Task A_second_hub_in_the_same_process_on_the_sqlite_file_is_refused_and_starts_once_the_first_stopped()
    {
        string data;
        await using (var first = await TestHub.StartAsync())
        {
            data = first.DataDirectory;
            var refused = await Assert.ThrowsAsync<DatabaseInUseException>(() => TestHub.StartAsync(dataDirectory: data));
            AssertSaysHowToRunSeveral(refused.Message);
        }

        await using var again = await TestHub.StartAsync(dataDirectory: data);
        using var health = await again.Http.GetAsync("/health");
        Assert.True(health.IsSuccessStatusCode, "a hub started after the first stopped answers /health");
    }

    private static void AssertSaysHowToRunSeveral(string message)
    {
        Assert.Contains("Another CommerceBus hub is running on the SQLite database", message, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL and RabbitMQ", message, StringComparison.Ordinal);
        Assert.Contains("README, \"Running several hubs\"", message, StringComparison.Ordinal);
    }
}
