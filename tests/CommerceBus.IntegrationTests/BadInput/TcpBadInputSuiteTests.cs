using System.Text.RegularExpressions;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Tcp;
using Xunit;
using Xunit.Abstractions;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// Generated bad records against the TCP terminal listener of one real hub, over long-lived connections: every record
/// gets a NAK with a code and a reason (or, if the mutation stayed valid, an ACK), the connection stays usable, the hub
/// stays up, and nothing refused reaches the database.
/// </summary>
public sealed partial class TcpBadInputSuiteTests(TestHubFixture fixture, ITestOutputHelper output) : IClassFixture<TestHubFixture>
{
    private const int Workers = 4;

    private TestHub Hub => fixture.Hub;

    public static IReadOnlyList<BadInputCase> Cases(int seed)
    {
        var random = new Random(seed);
        var cases = new CaseList('P', n => RecordMutations.Ascii(Valid(n)));
        cases.AddByteMutations(random, step: 1, flips: 400, utf8: 150, noise: 200, noiseMaxLength: 400);
        RecordMutations.AddStructural(cases, Valid);

        // One record per case: an LF inside would split it into two (and two replies).
        return cases.Cases.Select(c => c with { Body = NoLf(c.Body) }).ToList();
    }

    [Fact]
    public async Task Every_generated_bad_record_gets_a_NAK_with_a_code_and_the_hub_keeps_working()
    {
        var tally = new BadInputTally(nameof(TcpBadInputSuiteTests));
        var cases = Cases(BadInputSeed.Value);
        var terminals = new TerminalClient?[Workers];

        try
        {
            await HubAfterBadInput.RunAsync(cases, Workers, async (worker, c) =>
            {
                terminals[worker] ??= await Hub.ConnectTerminalAsync();
                if (!await SendAsync(terminals[worker]!, c, tally))
                {
                    await terminals[worker]!.DisposeAsync();
                    terminals[worker] = null;
                }
            });
        }
        finally
        {
            foreach (var terminal in terminals)
            {
                await (terminal?.DisposeAsync() ?? ValueTask.CompletedTask);
            }
        }

        output.WriteLine(tally.Table());
        await HubAfterBadInput.AssertHealthyAsync(Hub);
        var order = Orders.Valid();
        await using (var terminal = await Hub.ConnectTerminalAsync())
        {
            Assert.StartsWith("ACK" + order.OrderNumber, await terminal.AskAsync(TerminalRecords.Ord(order)), StringComparison.Ordinal);
        }

        await HubAfterBadInput.AssertCompletesAsync(Hub, tally, order.OrderNumber!);
        await HubAfterBadInput.AssertNothingHalfProcessedAsync(Hub, tally);
        HubAfterBadInput.AssertNoFailures(tally);
        HubAfterBadInput.AssertBoundedMemory(output, tally);
        Assert.True(tally.Total >= 1000, $"only {tally.Total} cases");
    }

    public static string Valid(string orderNumber) => TerminalRecords.Ord(Orders.Valid(orderNumber));

    /// <summary>Sends one case and checks its reply; false when the connection is gone (itself a failure of the case).</summary>
    private static async Task<bool> SendAsync(TerminalClient terminal, BadInputCase c, BadInputTally tally)
    {
        string? reply;
        try
        {
            await terminal.SendAsync([.. c.Body, (byte)'\n']);
            reply = await terminal.TryReadReplyAsync();
        }
        catch (Exception ex)
        {
            tally.Failed(c, $"no reply: {ex.GetType().Name}: {ex.Message}");
            return false;
        }

        if (reply is null)
        {
            tally.Failed(c, "the hub closed the connection instead of answering");
            return false;
        }

        if (reply.StartsWith("ACK", StringComparison.Ordinal) && reply.Length == 51)
        {
            tally.Accepted(c, TerminalRecords.OrderNumberOf(reply));
        }
        else if (Nak().IsMatch(reply))
        {
            tally.Refused(c);
        }
        else
        {
            tally.Failed(c, $"reply '{reply}'");
        }

        return true;
    }

    private static byte[] NoLf(byte[] body)
    {
        var copy = ByteMutations.Without((byte[])body.Clone(), (byte)'\n', (byte)'X');
        return copy is [(byte)'\r'] ? [(byte)'X'] : copy;
    }

    /// <summary>A NAK of the contract: an order number field, a refusal code (not E999, "cannot accept now") and a reason.</summary>
    [GeneratedRegex(@"^NAK.{12}E00[1-5](?=.*\S).{1,80}$")]
    private static partial Regex Nak();
}
