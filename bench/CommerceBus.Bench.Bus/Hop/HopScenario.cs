using CommerceBus.Bench.Bus.Reporting;

namespace CommerceBus.Bench.Bus.Hop;

/// <summary>
/// Scenario 3, the message hop: messages per second from a confirmed publish to the arrival on the out queue, through
/// the raw broker, a plain MassTransit consumer and the hub, one after the other in the same run.
/// </summary>
internal static class HopScenario
{
    private const int Concurrency = 16;

    // Issue 21, item 6: the hub's hop against the raw broker round trip in the same run, and its CPU per message.
    private static readonly Dictionary<string, (double Ratio, double CpuMs)> Targets = new()
    {
        ["S"] = (0.5, 1.2),
        ["P"] = (0.6, 1.0),
    };

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
        var results = new List<(string Prefix, string Name, double Rate, double CpuMs)>();
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
        foreach (var (_, name, rate, cpuMs) in results)
        {
            table.Add(name, Format.Rate(rate), Format.Ratio(rate / raw), Format.Ratio(rate / mt), Format.Number(cpuMs, "0.00"));
        }

        var hub = results.Skip(2).ToList();
        table.Note($"{count} messages per relay after a warm-up in rounds of {count / 10} messages until a round compiles fewer than {JitWarmup.SettledBelow} methods (at most {JitWarmup.MaxRounds} rounds), {Concurrency} publishers each waiting for its " +
            "message on the out side before sending the next. The hub's hop includes everything an accepted order costs before " +
            "it is handed on: inbox row, validation, routing, journal entries and the order read model committed to the database. " +
            "CPU is this process's (probe and relay; the hub runs in it), not the broker's: on a shared machine it is the steadier figure.");
        table.Note("Targets (issue 21): " + string.Join("; ", hub.Select(h =>
        {
            var (ratio, cpuMs) = Targets[h.Prefix];
            return $"{h.Name}: ≥ {ratio:0.0}× raw, {Format.Ratio(h.Rate / raw)} {Format.Target(h.Rate / raw >= ratio)}; " +
                $"≤ {cpuMs:0.0} ms CPU/message, {h.CpuMs:0.00} ms {Format.Target(h.CpuMs <= cpuMs)}";
        })) + ".");
        return table;
    }

    private static async Task<(string, string, double, double)> MeasureAsync(IRelay relay, Uri broker, string prefix, int count)
    {
        await using (relay)
        {
            await using var probe = await HopProbe.StartAsync(broker, relay.Exchange, relay.RoutingKey, relay.OutQueue);
            Progress.Say($"hop: {relay.Name}: warming up");
            await JitWarmup.UntilSettledAsync($"hop: {relay.Name}", () => probe.RunAsync(prefix, Math.Max(20, count / 10), Concurrency));
            Progress.Say($"hop: {relay.Name}: {count} messages");
            var (rate, cpuMs) = await probe.RunAsync(prefix, count, Concurrency);
            Progress.Say($"hop: {relay.Name}: {rate:N0} messages/s, {cpuMs:0.00} ms CPU/message");
            return (prefix, relay.Name, rate, cpuMs);
        }
    }
}
