using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// The terminal listener's rate limit per peer address: over it a record is answered with the wire contract's
/// <c>E999</c> ("send it again"), saying when, on the same connection, and the terminal is served again after its window.
/// </summary>
public sealed class TcpRateLimitTests
{
    private const string Listener = "CommerceBus:Adapters:Tcp:Listeners:terminals:";

    [Fact]
    public async Task A_terminal_over_its_rate_limit_gets_E999_saying_when_and_is_served_again_after_the_window()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            [Listener + "RateLimit:PermitLimit"] = "1",
            [Listener + "RateLimit:Window"] = "00:00:02",
        });
        await using var terminal = await hub.ConnectTerminalAsync();
        var unknown = TerminalRecords.Sta(Orders.NewNumber("R"));

        // One record per window: of records sent back to back, a later one in the same window is refused. Asking until
        // refused (bounded) needs no assumption about how fast the machine is.
        string? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var reply = await terminal.AskAsync(unknown);
            if (TerminalRecords.CodeOf(reply) == "E999")
            {
                refused = reply;
            }
            else
            {
                Assert.Equal("E004", TerminalRecords.CodeOf(reply));  // served: the order is not known
            }
        }

        Assert.NotNull(refused);
        Assert.Contains("rate limit", TerminalRecords.ReasonOf(refused), StringComparison.Ordinal);
        Assert.Contains("send it again in", TerminalRecords.ReasonOf(refused), StringComparison.Ordinal);

        var recovered = await Eventually.MatchAsync(
            async () => TerminalRecords.CodeOf(await terminal.AskAsync(unknown)),
            code => code != "E999",
            "the limited terminal to be served again in a later window");
        Assert.Equal("E004", recovered);
    }
}
