using System.Net;
using System.Net.Http.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Saga;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CommerceBus.IntegrationTests.Sagas.Redrive;

/// <summary>
/// A step's retry chain that outlasts <c>RedriveStalledAfter</c> because its delayed redelivery waits in the scheduler
/// (the scheduler's polling and a loaded machine, here a gate the test holds): the stalled-order re-drive finds the saga
/// due, sees the redelivery still pending in the step's journal, moves the saga's clock on and starts no second chain.
/// </summary>
public sealed class RedeliveryHeldInSchedulerTests(ITestOutputHelper output)
{
    // The redelivery is waited for until 10 s + 1 s of polling + 12 s after it was scheduled; the sweep runs every second,
    // so the saga's clock (due 12 s after the step) is seen while the redelivery is still waited for, with 10 s to spare.
    private static readonly TimeSpan StalledAfter = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    [Fact]
    public Task A_redelivery_held_in_the_scheduler_past_the_stall_period_is_left_to_its_chain_which_parks_once() =>
        OneChainAsync([], output);

    [Fact]
    public async Task A_redelivery_that_never_comes_back_is_waited_for_only_until_its_bound_then_the_step_is_redriven()
    {
        var recorder = new SweepRecorder();
        await using var hub = await TestHub.StartAsync(Settings([]), configureHub: hub => HeldRedeliveries.AddTo(hub.Services), configureServices: recorder.AddTo);
        recorder.Observe(hub.Services.GetRequiredService<IBus>());
        var order = Orders.Valid();
        using (var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        // The redelivery is never released (a deleted job, a scheduler fault): past its bound the step is resumed.
        var saga = await Eventually.MatchAsync(() => hub.SagaAsync(order.OrderNumber!), s => s is { RedriveCount: >= 1 }, "re-driven once its held redelivery's bound passed", TimeSpan.FromSeconds(120));
        Assert.Equal("CapturePayment", saga!.WaitingFor);
        Assert.Contains(recorder.Sweeps(SweepRecorder.RedriveSweep), s => (int)s.Values["InChain"]! > 0);
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> storage)
    {
        var settings = RedriveSettings.With(StalledAfter, Delay);
        foreach (var (key, value) in storage)
        {
            settings[key] = value;
        }

        settings["CommerceBus:Endpoints:payments:BaseUrl"] = $"http://127.0.0.1:{TestHub.FreeTcpPort()}/";
        settings["CommerceBus:Endpoints:payments:MaxRetries"] = "0";
        settings["CommerceBus:Endpoints:payments:Retries:Immediate"] = "1";
        settings["CommerceBus:Sagas:OrderFulfillment:StepTimeout"] = "00:10:00";
        settings["CommerceBus:Sagas:OrderFulfillment:RedriveEvery"] = "00:00:01";
        return settings;
    }

    /// <summary>The held chain with the hub's settings plus <paramref name="storage"/> (RabbitMQ and PostgreSQL, say).</summary>
    internal static async Task OneChainAsync(Dictionary<string, string?> storage, ITestOutputHelper output)
    {
        var recorder = new SweepRecorder();
        await using var hub = await TestHub.StartAsync(Settings(storage), configureHub: hub => HeldRedeliveries.AddTo(hub.Services), configureServices: recorder.AddTo);
        recorder.Observe(hub.Services.GetRequiredService<IBus>());
        var scheduler = hub.Services.GetRequiredService<HeldRedeliveries>();

        var order = Orders.Valid();
        using (var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        // The capture's first round (2 attempts to a closed port) fails, and its redelivery is held in the scheduler.
        await Eventually.MatchAsync(() => Task.FromResult(scheduler.HeldInAll), n => n >= 1, "the capture's redelivery to reach the scheduler");

        // A sweep finds the saga due (12 s after the step) while the redelivery is held. Resuming the step there would
        // start a second chain; the pending redelivery keeps the chain alive, and the saga's clock moves to its bound.
        var whileHeld = await Eventually.MatchAsync(
            () => Task.FromResult(recorder.Sweeps(SweepRecorder.RedriveSweep)),
            sweeps => sweeps.Any(s => (int)s.Values["Due"]! > 0),
            "a re-drive sweep to find the saga due while its redelivery is held",
            TimeSpan.FromSeconds(90));
        output.WriteLine($"while held, due/in chain per sweep: {string.Join(",", whileHeld.Select(s => $"{s.Values["Due"]}/{s.Values["InChain"]}"))}");
        var resumes = recorder.Count(typeof(ResumeOrderFulfillment), published: false);
        Assert.True(resumes == 0, $"The re-drive resumed the capture {resumes} time(s) while its redelivery waited in the scheduler: " +
            "a second retry chain beside the first. OrderRecovery must leave a step whose chain's newest journal entry is Redelivering.");
        Assert.All(whileHeld, s => Assert.Equal(s.Values["Due"], s.Values["InChain"]));
        Assert.Equal(1, scheduler.HeldInAll);

        // Released, the redelivery runs its round (2 attempts) and the step is parked; the re-drive leaves it to the operator.
        scheduler.Open();
        await Eventually.MatchAsync(hub.ParkedCountAsync, n => n >= 1, "the capture to be parked after its redelivery");
        await Eventually.MatchAsync(
            () => Task.FromResult(recorder.Sweeps(SweepRecorder.RedriveSweep)),
            sweeps => sweeps.Any(s => (int)s.Values["Parked"]! > 0),
            "the re-drive to find the parked capture and leave it to the operator",
            TimeSpan.FromSeconds(60));

        var failed = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.Destination == "payments" && e.Outcome == JournalOutcomes.Failed));
        Assert.Equal(4, failed.Count);
        Assert.Equal(1, await hub.ParkedCountAsync());
        Assert.Equal(1, recorder.Count(typeof(CapturePayment), published: true));
        Assert.Equal(0, recorder.Count(typeof(ResumeOrderFulfillment), published: false));

        var saga = await hub.SagaAsync(order.OrderNumber!);
        Assert.Equal("CapturePayment", saga!.WaitingFor);
        Assert.Equal(0, saga.RedriveCount);
        Assert.Null(saga.NextRedriveAt);
    }
}

/// <summary><see cref="RedeliveryHeldInSchedulerTests"/> with the bus on RabbitMQ and the storage and scheduler on PostgreSQL.</summary>
[Collection(RabbitCollection.Name)]
public sealed class RabbitPostgresRedeliveryHeldInSchedulerTests(ITestOutputHelper output)
{
    [RabbitPostgresFact]
    public Task On_RabbitMQ_and_PostgreSQL_a_redelivery_held_in_the_scheduler_past_the_stall_period_is_left_to_its_chain_which_parks_once() =>
        RabbitAndPostgres.RunAsync("heldredelivery", storage => RedeliveryHeldInSchedulerTests.OneChainAsync(storage, output));
}
