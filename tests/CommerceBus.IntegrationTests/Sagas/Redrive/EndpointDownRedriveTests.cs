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
/// A business endpoint down for much longer than <c>RedriveStalledAfter</c>: the stalled-order re-drive does not start a
/// second retry chain beside the first, nor after it gives up. The step is tried once through its retry policy and
/// parked once, and the re-drive leaves the parked step to the operator.
/// </summary>
public sealed class EndpointDownRedriveTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StalledAfter = TimeSpan.FromSeconds(3);

    [Fact]
    public Task An_endpoint_down_for_many_stall_periods_gets_one_retry_chain_per_step_and_one_parked_row() =>
        OneChainAsync([], output);

    /// <summary>The outage with the hub's settings plus <paramref name="storage"/> (RabbitMQ and PostgreSQL, say).</summary>
    internal static async Task OneChainAsync(Dictionary<string, string?> storage, ITestOutputHelper output)
    {
        var recorder = new SweepRecorder();
        var settings = RedriveSettings.With(StalledAfter, TimeSpan.FromSeconds(1));
        foreach (var (key, value) in storage)
        {
            settings[key] = value;
        }

        settings["CommerceBus:Endpoints:payments:BaseUrl"] = $"http://127.0.0.1:{TestHub.FreeTcpPort()}/";
        settings["CommerceBus:Endpoints:payments:MaxRetries"] = "0";
        settings["CommerceBus:Endpoints:payments:Retries:Immediate"] = "1";
        settings["CommerceBus:Sagas:OrderFulfillment:StepTimeout"] = "00:10:00";
        await using var hub = await TestHub.StartAsync(settings, configureServices: recorder.AddTo);
        recorder.Observe(hub.Services.GetRequiredService<IBus>());

        var order = Orders.Valid();
        using (var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        // The capture's chain (2 attempts, a redelivery after 1 s, 2 attempts) ends parked.
        await Eventually.MatchAsync(hub.ParkedCountAsync, n => n >= 1, "the capture to be parked");

        // The saga's clock came due (3 s after the step) and the re-drive found the step parked: it leaves it. Then
        // several more stall periods pass (a sweep every 1.5 s) without another chain.
        var handedOver = await Eventually.MatchAsync(
            () => Task.FromResult(recorder.Sweeps(SweepRecorder.RedriveSweep)),
            sweeps => sweeps.FindIndex(s => (int)s.Values["Parked"]! > 0) is var at and >= 0 && sweeps.Count > at + 8,
            "the re-drive to find the parked step, then 8 more sweeps (4 stall periods)",
            TimeSpan.FromSeconds(90));
        output.WriteLine($"re-drive sweeps seen: {handedOver.Count}; due per sweep: {string.Join(",", handedOver.Select(s => s.Values["Due"]))}");

        var failed = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.Destination == "payments" && e.Outcome == JournalOutcomes.Failed));
        Assert.Equal(4, failed.Count);
        Assert.Equal(1, await hub.ParkedCountAsync());
        Assert.Single(handedOver, s => (int)s.Values["Parked"]! > 0);
        Assert.Equal(1, recorder.Count(typeof(CapturePayment), published: true));
        Assert.Equal(0, recorder.Count(typeof(ResumeOrderFulfillment), published: false));

        var saga = await hub.SagaAsync(order.OrderNumber!);
        Assert.Equal("CapturePayment", saga!.WaitingFor);
        Assert.Null(saga.NextRedriveAt);
    }

    [Fact]
    public async Task A_step_that_never_answers_is_redriven_with_a_wait_that_doubles_each_time()
    {
        var data = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var hold = Path.Combine(data, "hold");
        await File.WriteAllTextAsync(hold, "held");
        var recorder = new SweepRecorder();
        var settings = RedriveSettings.With(StalledAfter, TimeSpan.FromSeconds(1));
        settings["CommerceBus:Endpoints:payments:Connector"] = "demo";
        settings["CommerceBus:Endpoints:payments:Target"] = "payments";
        settings["CommerceBus:Endpoints:payments:HoldWhileFileExists"] = hold;
        settings["CommerceBus:Sagas:OrderFulfillment:StepTimeout"] = "00:10:00";
        await using var hub = await TestHub.StartAsync(settings, dataDirectory: data, configureServices: recorder.AddTo);
        recorder.Observe(hub.Services.GetRequiredService<IBus>());

        var order = Orders.Valid();
        using (var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        // The capture is held (no answer, no failure): re-driven 3 s after the step, then 6 s after that re-drive, then 12 s.
        var saga = await hub.WaitForSagaAsync(order.OrderNumber!, s => s.RedriveCount >= 2, "re-driven twice");
        Assert.Equal("CapturePayment", saga!.WaitingFor);
        Assert.InRange(saga.NextRedriveAt!.Value - saga.UpdatedAt, TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(13));
        Assert.InRange(recorder.Count(typeof(ResumeOrderFulfillment), published: false), 2, 3);
        File.Delete(hold);
    }
}

/// <summary><see cref="EndpointDownRedriveTests"/> with the bus on RabbitMQ and the storage and scheduler on PostgreSQL.</summary>
[Collection(RabbitCollection.Name)]
public sealed class RabbitPostgresEndpointDownRedriveTests(ITestOutputHelper output)
{
    [RabbitPostgresFact]
    public Task On_RabbitMQ_and_PostgreSQL_an_endpoint_down_for_many_stall_periods_gets_one_retry_chain_per_step_and_one_parked_row() =>
        RabbitAndPostgres.RunAsync("redrive", storage => EndpointDownRedriveTests.OneChainAsync(storage, output));
}
