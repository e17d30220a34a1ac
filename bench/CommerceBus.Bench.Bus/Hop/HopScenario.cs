using CommerceBus.Bench.Bus.Reporting;

namespace CommerceBus.Bench.Bus.Hop;

/// <summary>
/// Scenario 3, the message hop: messages per second from a confirmed publish to the arrival on the out queue, through
/// the raw broker, a plain MassTransit consumer and the hub, one after the other in the same run.
/// </summary>
internal static class HopScenario
{
    private const int Concurrency = 16;
    private const double Target = 0.30;

    public static async Task<ResultTable> RunAsync(BenchServers servers, BenchOptions options)
    {
        var table = new ResultTable("Message hop (AMQP in → AMQP out, persistent, publisher confirms)",
            "Relay", "messages/s", "× raw broker", "× MassTransit", "bench-process CPU ms/message");
        if (servers.RabbitMq is not { } broker)
        {
            table.Note(BenchServers.Missing);
            return table;
        }

        var count = options.Count(2000);
        var results = new List<(string Name, double Rate, double CpuMs)>();
        results.Add(await MeasureAsync(await RawBrokerRelay.StartAsync(broker), broker, "R", count));
        results.Add(await MeasureAsync(await MassTransitRelay.StartAsync(broker), broker, "M", count));
        results.Add(await MeasureAsync(await HubRelay.StartAsync(broker, null, BenchServers.TempDirectory("hop")), broker, "S", count));
        if (servers.Postgres is not null)
        {
            var database = await servers.CreateDatabaseAsync("bench_hop");
            results.Add(await MeasureAsync(await HubRelay.StartAsync(broker, database, BenchServers.TempDirectory("hop")), broker, "P", count));
        }

        var raw = results[0].Rate;
        var mt = results[1].Rate;
        foreach (var (name, rate, cpuMs) in results)
        {
            table.Add(name, Format.Rate(rate), Format.Ratio(rate / raw), Format.Ratio(rate / mt), Format.Number(cpuMs, "0.00"));
        }

        var hub = results.Skip(2).ToList();
        table.Note($"{count} messages per relay after {count / 10} warm-up messages, {Concurrency} publishers each waiting for its " +
            "message on the out side before sending the next. The hub's hop includes everything an accepted order costs before " +
            "it is handed on: inbox row, validation, routing, journal entries and the order read model committed to the database. " +
            "CPU is this process's (probe and relay; the hub runs in it), not the broker's: on a shared machine it is the steadier figure.");
        table.Note($"Target: hub ≥ {Target:0.00}× the raw broker round trip — " +
            string.Join("; ", hub.Select(h => $"{h.Name}: {Format.Ratio(h.Rate / raw)} {Format.Target(h.Rate / raw >= Target)}")) + ".");
        return table;
    }

    private static async Task<(string, double, double)> MeasureAsync(IRelay relay, Uri broker, string prefix, int count)
    {
        await using (relay)
        {
            await using var probe = await HopProbe.StartAsync(broker, relay.Exchange, relay.RoutingKey, relay.OutQueue);
            Progress.Say($"hop: {relay.Name}: warming up");
            await probe.RunAsync(prefix, Math.Max(20, count / 10), Concurrency);
            Progress.Say($"hop: {relay.Name}: {count} messages");
            var (rate, cpuMs) = await probe.RunAsync(prefix, count, Concurrency);
            Progress.Say($"hop: {relay.Name}: {rate:N0} messages/s, {cpuMs:0.00} ms CPU/message");
            return (relay.Name, rate, cpuMs);
        }
    }
}
