using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>
/// What a saga transition costs the database now that the order's state is on the saga row: it loads the saga row and
/// commits it (with its journal entry and outbox rows), and never reads or writes the order row (the projection used to
/// read it on every transition). Every SQL command the hub runs is recorded by an EF Core command interceptor.
/// </summary>
public sealed partial class SagaTransitionStatementsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Each_saga_transition_loads_and_writes_only_its_saga_row_and_the_order_row_is_written_once_at_acceptance()
    {
        var log = new CommandLog();
        // Sent outbox rows wait an hour for a saga write to carry their removal: a removal of their own would show here.
        var settings = new Dictionary<string, string?> { ["CommerceBus:Sagas:Outbox:RemoveSentAloneAfter"] = "01:00:00" };
        await using var hub = await TestHub.StartAsync(settings, configureServices: services => services.ConfigureDbContext<HubDbContext>(o => o.AddInterceptors(log)));
        var order = Orders.Valid();

        // From here on: the schema migration at start-up is not the order's.
        log.Clear();

        using (var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        var handled = (await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.SourceAdapter == "order-fulfillment"))).Count;

        // The background sweeps tag their statements; what is left is the pipeline's and the saga's.
        var commands = log.Commands.Where(c => !c.Contains("-- CommerceBus:", StringComparison.Ordinal)).ToList();
        var orderRow = commands.Where(c => OrdersTable().IsMatch(c)).ToList();
        var sagaLoads = commands.Count(c => SagaLoad().IsMatch(c));
        var sagaWrites = commands.Count(c => c.Contains("UPDATE \"order_sagas\"", StringComparison.Ordinal));
        foreach (var command in orderRow)
        {
            output.WriteLine("order row: " + command);
        }

        output.WriteLine($"{sagaWrites} saga transitions ({handled} journal entries): {sagaLoads} saga loads, {sagaWrites} saga writes (each with its journal and outbox rows), {orderRow.Count} command(s) on the order row");

        // One transition per message the saga took (placed, stock, payment, booking, shipment), each one load and one write.
        Assert.True(sagaWrites >= 5, $"{sagaWrites} saga writes");
        Assert.Equal(sagaWrites, sagaLoads);
        Assert.True(handled >= sagaWrites, $"{handled} journal entries for {sagaWrites} transitions");

        // A write sends only the columns its step changed (the instance stays tracked from the load): the order's JSON,
        // set once when the saga takes the order, is not sent again by every later step.
        var jsonWrites = commands.Count(c => c.Contains("UPDATE \"order_sagas\"", StringComparison.Ordinal) && c.Contains("\"OrderJson\" =", StringComparison.Ordinal));
        Assert.True(jsonWrites <= 1, $"{jsonWrites} of {sagaWrites} saga writes set the order's JSON again: EfSagaStorage writes every column instead of the changed ones (is the load still tracked by the message's SagaDbSession?)");
        // The sent outbox rows are deleted by the next saga write's SaveChanges, in its transaction (issue 21 item 2): a
        // DELETE of one row by its key, as EF Core writes an entity's deletion; not by the set-based DELETE … IN that
        // removes rows on their own.
        var carried = commands.Count(c => CarriedRemoval().IsMatch(c));
        var alone = commands.Count(c => c.Contains("DELETE FROM \"outbox_messages\" AS", StringComparison.Ordinal));
        output.WriteLine($"{carried} sent outbox row(s) deleted by a saga write; {alone} removal(s) on their own");
        Assert.True(alone == 0, $"{alone} outbox removal(s) ran on their own: a sent row's removal no longer rides the next saga write (EfSagaStorage.WriteAsync takes OutboxDelivery.TakeSent)");
        Assert.True(carried >= 1, $"no saga write carried the removal of a sent outbox row ({sagaWrites} writes): is the storage bound with the OutboxDelivery (StorageSagaRepositoryContextFactory)?");

        var insert = Assert.Single(orderRow);
        Assert.Contains("INSERT INTO \"orders\"", insert, StringComparison.Ordinal);

        // The step timeouts are deadlines on the saga row, written by these same saga writes: no scheduler job is made
        // for them (before issue 21 item 2, one per step, each created and then deleted when its step answered).
        var monitoring = hub.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var jobs = monitoring.ScheduledCount() + monitoring.DeletedListCount() + monitoring.SucceededListCount();
        output.WriteLine($"{commands.Count} untagged statements for the order; {jobs} scheduler job(s)");
        Assert.True(jobs == 0, $"{jobs} scheduler job(s) for an order whose steps all answered: a step timeout is being scheduled as a job again");
    }

    [GeneratedRegex("(FROM|INTO|UPDATE|JOIN) \"orders\"")]
    private static partial Regex OrdersTable();

    // A sent outbox row's deletion staged on a saga write's context (EfSagaStorage.WriteAsync): by its key, no alias.
    [GeneratedRegex("DELETE FROM \"outbox_messages\"\\s+WHERE \"MessageId\" = ")]
    private static partial Regex CarriedRemoval();

    // The saga storage's load: one row of order_sagas by its key.
    [GeneratedRegex("FROM \"order_sagas\" AS \"\\w+\"\\s+WHERE \"\\w+\".\"CorrelationId\" = ")]
    private static partial Regex SagaLoad();

    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _commands = new();

        public IReadOnlyList<string> Commands => [.. _commands];

        public void Clear() => _commands.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
