using System.Net;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary><c>/health/live</c> and <c>/health/ready</c>: the readiness checks by name, and readiness following the database.</summary>
public sealed class ReadinessTests(ReadinessTests.Database database) : IClassFixture<ReadinessTests.Database>
{
    /// <summary>The test's own database, named <c>cb_ready_...</c>: only its connections are refused during the outage.</summary>
    public sealed class Database : PostgresDatabaseFixture
    {
        protected override string DatabasePrefix => "ready";
    }

    [Fact]
    public async Task Readiness_names_each_check_and_liveness_answers_ok()
    {
        await using var hub = await TestHub.StartAsync();

        var ready = await Eventually.MatchAsync(() => GetAsync(hub, "/health/ready"), r => r.Status == HttpStatusCode.OK, "the hub to be ready");
        var checks = ready.Body.GetProperty("checks");
        foreach (var check in new[] { "database", "bus", "scheduler", "outbox", "endpoints" })
        {
            Assert.True(checks.TryGetProperty(check, out var entry), $"readiness names the {check} check: {ready.Body}");
            Assert.NotEqual("Unhealthy", entry.GetProperty("status").GetString());
        }

        var live = await GetAsync(hub, "/health/live");
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("Healthy", live.Body.GetProperty("status").GetString());
    }

    [PostgresFact]
    public async Task Readiness_fails_with_503_while_the_database_is_away_and_recovers_by_itself()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString,
            ["CommerceBus:Storage:PostgreSqlRetryMaxDelay"] = "00:00:01",
            // Readiness reads the outbox afresh on every probe.
            ["CommerceBus:Observability:StateSampleMaxAge"] = "00:00:00",
        });
        await Eventually.MatchAsync(() => GetAsync(hub, "/health/ready"), r => r.Status == HttpStatusCode.OK, "the hub to be ready");

        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        try
        {
            var away = await Eventually.MatchAsync(() => GetAsync(hub, "/health/ready"), r => r.Status == HttpStatusCode.ServiceUnavailable, "readiness to fail while the database is away");
            Assert.Equal("Unhealthy", away.Body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(hub, "/health/live")).Status);
        }
        finally
        {
            await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
        }

        var back = await Eventually.MatchAsync(() => GetAsync(hub, "/health/ready"), r => r.Status == HttpStatusCode.OK, "readiness to recover once the database is back", TimeSpan.FromSeconds(60));
        Assert.Equal("Healthy", back.Body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(TestHub hub, string path)
    {
        using var response = await hub.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
