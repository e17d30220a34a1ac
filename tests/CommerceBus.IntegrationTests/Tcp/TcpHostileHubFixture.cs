using CommerceBus.IntegrationTests.Hosting;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// A hub with extra TCP listeners configured for hostile clients, each on a free port: a low connection limit, short
/// timeouts, and small buffers, so limits are reached quickly and deadlines pass in a second or two.
/// </summary>
public sealed class TcpHostileHubFixture : TestHubFixture
{
    public const string Limited = "limited";
    public const string Impatient = "impatient";
    public const string SlowRecords = "slow-records";
    public const string Stalled = "stalled";

    private const string Listeners = "CommerceBus:Adapters:Tcp:Listeners";

    public override async Task InitializeAsync() => Started(await TestHub.StartAsync(new Dictionary<string, string?>
    {
        [$"{Listeners}:{Limited}:Port"] = "0",
        [$"{Listeners}:{Limited}:MaxConnections"] = "3",

        [$"{Listeners}:{Impatient}:Port"] = "0",
        [$"{Listeners}:{Impatient}:IdleTimeout"] = "00:00:01",
        [$"{Listeners}:{Impatient}:WriteTimeout"] = "00:00:02",
        [$"{Listeners}:{Impatient}:InputBufferBytes"] = "4096",
        [$"{Listeners}:{Impatient}:OutputBufferBytes"] = "4096",

        [$"{Listeners}:{SlowRecords}:Port"] = "0",
        [$"{Listeners}:{SlowRecords}:RecordTimeout"] = "00:00:01",

        [$"{Listeners}:{Stalled}:Port"] = "0",
        [$"{Listeners}:{Stalled}:InputBufferBytes"] = "4096",
        [$"{Listeners}:{Stalled}:OutputBufferBytes"] = "4096",
        [$"{Listeners}:{Stalled}:MaxPipelinedRequests"] = "4",
    }));
}
