using System.Net;
using System.Net.Http.Json;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.IntegrationTests.Sagas;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace CommerceBus.IntegrationTests.Faults;

/// <summary>
/// The hub's PostgreSQL database unavailable for a while: it stops taking connections and its sessions are ended
/// while orders are being placed over REST and other orders are in the middle of their sagas, then it comes back.
/// </summary>
/// <remarks>
/// The intake must refuse what it cannot store with a clear 503 problem (never a 500, never a 202 it then loses); the
/// client sends the refused orders again once the database is back, and every accepted order, including those whose
/// saga was between two steps during the outage, completes exactly once.
/// </remarks>
public sealed class DatabaseUnavailableTests(DatabaseUnavailableTests.Database database) : IClassFixture<DatabaseUnavailableTests.Database>
{
    private const int InFlight = 3;
    private const int DuringOutage = 4;

    /// <summary>The test's own database, named <c>cb_dbdown_...</c>.</summary>
    public sealed class Database : PostgresDatabaseFixture
    {
        protected override string DatabasePrefix => "dbdown";
    }

    [PostgresFact]
    public Task Intake_refuses_with_503_while_the_database_is_away_and_every_accepted_order_completes_once_after_it_returns() =>
        DatabaseAwayAsync(database.ConnectionString, new Dictionary<string, string?>());

    /// <summary>The outage with the hub's settings plus <paramref name="settings"/> (the bus on RabbitMQ, say).</summary>
    internal static async Task DatabaseAwayAsync(string connectionString, Dictionary<string, string?> settings)
    {
        var gate = new PaymentsGate();
        // Re-drive after 9 s; the endpoints' delayed retries (7 s in all) and the scheduler's polling (1 s) end before it.
        var redrive = RedriveSettings.With(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        await using var hub = await TestHub.StartAsync(
            new Dictionary<string, string?>(redrive.Concat(settings).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value))
            {
                ["CommerceBus:Storage:PostgreSql"] = connectionString,
                ["CommerceBus:Endpoints:payments:Connector"] = PaymentsGate.ConnectorFactory.KindName,
                // A refused request waits out about 5 s of retries instead of about 20 s.
                ["CommerceBus:Storage:PostgreSqlRetryMaxDelay"] = "00:00:01",
            },
            configureServices: services =>
            {
                services.AddSingleton(gate);
                services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
            });

        // Orders in flight: each saga waits on its capture, which the gate holds until the database is gone.
        var inFlight = Enumerable.Range(0, InFlight).Select(_ => Orders.Valid()).ToList();
        foreach (var order in inFlight)
        {
            using var placed = await PlaceAsync(hub, order);
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        foreach (var order in inFlight)
        {
            await hub.WaitForSagaAsync(order.OrderNumber!, s => s.WaitingFor == "CapturePayment", "waiting for its capture");
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");

        // The captures answer now: the sagas must record them while the database is away.
        gate.Open();

        var accepted = new List<PlaceOrder>(inFlight);
        var refused = new List<PlaceOrder>();
        foreach (var order in Enumerable.Range(0, DuringOutage).Select(_ => Orders.Valid()))
        {
            using var answer = await PlaceAsync(hub, order);
            if (answer.StatusCode == HttpStatusCode.Accepted)
            {
                accepted.Add(order);
                continue;
            }

            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"order {order.OrderNumber} got {(int)answer.StatusCode}: {body}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.Contains("retry", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
            refused.Add(order);
        }

        Assert.NotEmpty(refused);

        await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");

        // The client sends the refused orders again, as a 503 asks, until the hub takes them.
        foreach (var order in refused)
        {
            await Eventually.MatchAsync(
                async () =>
                {
                    using var answer = await PlaceAsync(hub, order);
                    return answer.StatusCode;
                },
                status => status == HttpStatusCode.Accepted,
                $"order {order.OrderNumber} to be accepted once the database is back",
                TimeSpan.FromSeconds(60));
            accepted.Add(order);
        }

        var numbers = accepted.Select(o => o.OrderNumber!).ToList();
        foreach (var number in numbers)
        {
            Assert.Equal("Completed", (await hub.WaitForStatusAsync(number, "Completed", "Failed", "Cancelled"))!.Status);
        }

        var journal = await hub.JournalAsync(q => q.Where(e => e.OrderNumber != null && numbers.Contains(e.OrderNumber)));
        foreach (var number in numbers)
        {
            Assert.Single(journal, e => e.OrderNumber == number && e.Direction == JournalDirection.Inbound && e.Outcome == JournalOutcomes.Accepted);
            Assert.Single(journal, e => e.OrderNumber == number && e.Detail == "order Completed");
            var saga = await hub.WaitForSagaAsync(number, s => s.CurrentState == "Completed", "Completed");
            Assert.All(
                journal.Where(e => e.OrderNumber == number && e.Direction == JournalDirection.Outbound && e.Outcome == JournalOutcomes.Delivered),
                d => Assert.Equal(saga!.CorrelationId, d.TrackingId));
        }

        // One capture per order: a capture asked again after the outage carried the same idempotency key.
        Assert.Equal(numbers.Count, hub.Demo.Payments.CaptureCount);
    }

    private static Task<HttpResponseMessage> PlaceAsync(TestHub hub, PlaceOrder order) =>
        hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The same outage on the production configuration: the bus on RabbitMQ (a virtual host of its own) besides the hub
/// database on PostgreSQL. The saga's answers and commands wait on the broker, not in memory, while the database is away.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class RabbitDatabaseUnavailableTests
{
    [RabbitPostgresFact]
    public async Task With_the_bus_on_RabbitMQ_intake_refuses_with_503_while_the_database_is_away_and_every_accepted_order_completes_once_after_it_returns()
    {
        var vhost = await RabbitServer.CreateVirtualHostAsync("dbdown");
        var database = await PostgresServer.CreateDatabaseAsync("dbdown");
        try
        {
            await DatabaseUnavailableTests.DatabaseAwayAsync(database, new Dictionary<string, string?> { ["CommerceBus:RabbitMq:ConnectionString"] = vhost });
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }
}
