using System.Collections.Concurrent;
using System.Text;
using CommerceBus.Adapters.RabbitMq;
using CommerceBus.Conformance;
using CommerceBus.Core.Journal;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.IntegrationTests.RabbitMq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// Generated bad messages published to the AMQP intake of one real hub on the run's RabbitMQ node: every message is
/// either moved to commerce.inbound.rejected untouched with an x-commercebus-reason, or (if the mutation stayed valid)
/// accepted; none is lost or left in limbo, the hub stays up, and nothing rejected reaches the database.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class AmqpBadInputSuiteTests(AmqpBadInputSuiteTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<AmqpBadInputSuiteTests.Fixture>
{
    private TestHub Hub => fixture.Hub;

    public static IReadOnlyList<BadInputCase> Cases(int seed)
    {
        var random = new Random(seed);
        var cases = new CaseList('M', n => Encoding.UTF8.GetBytes(RestBadInputSuiteTests.Valid(n)));
        cases.AddByteMutations(random, step: 3, flips: 150, utf8: 50, noise: 50, noiseMaxLength: 2048);
        JsonMutations.AddStructural(cases, RestBadInputSuiteTests.Valid);
        foreach (var key in new[] { "order.ship", "order", "order.place.now", "ORDER.PLACE", "order.cancel", "" })
        {
            cases.AddText("routing-key", $"'{key}'", RestBadInputSuiteTests.Valid, "key=" + key);
        }

        cases.AddText("missing-field", "no message_id", RestBadInputSuiteTests.Valid, "no-id");
        cases.AddText("oversize", "300 KiB", n => RestBadInputSuiteTests.Valid(n).Replace("Ada Lovelace", new string('A', 300 * 1024), StringComparison.Ordinal));
        cases.AddText("oversize", "4 MiB", n => RestBadInputSuiteTests.Valid(n).Replace("Ada Lovelace", new string('A', 4 * 1024 * 1024), StringComparison.Ordinal));
        return cases.Cases;
    }

    [RabbitFact]
    public async Task Every_generated_bad_message_is_rejected_with_its_reason_and_the_hub_keeps_working()
    {
        var tally = new BadInputTally(nameof(AmqpBadInputSuiteTests));
        var cases = Cases(BadInputSeed.Value);
        var run = Guid.NewGuid().ToString("N")[..8];
        string CorrelationOf(BadInputCase c) => $"bad-{run}-{c.Index}";

        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        foreach (var c in cases)
        {
            var variant = c.Variant;
            var properties = AmqpTestClient.Properties(variant == "no-id" ? null : Guid.NewGuid().ToString(), CorrelationOf(c));
            var key = variant.StartsWith("key=", StringComparison.Ordinal) ? variant["key=".Length..] : "order.place";
            await client.PublishAsync(key, c.Body, properties);
        }

        // Every message ends rejected (taken off the rejected queue here) or accepted (journaled); wait for all of them.
        var byCorrelation = cases.ToDictionary(CorrelationOf);
        var rejected = new ConcurrentDictionary<string, RejectedMessage>();
        var accepted = new Dictionary<string, string>();
        try
        {
            await Eventually.MatchAsync(async () =>
            {
                while (await client.Channel.BasicGetAsync(AmqpTestClient.RejectedQueue, autoAck: true) is { } got)
                {
                    rejected[got.BasicProperties.CorrelationId ?? ""] = new RejectedMessage(got.BasicProperties, got.Body.ToArray(), got.RoutingKey);
                }

                foreach (var (correlation, number) in await AcceptedAsync(run))
                {
                    accepted[correlation] = number;
                }

                return rejected.Count + accepted.Count;
            }, settled => settled >= cases.Count, $"all {cases.Count} messages to be rejected or accepted", TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            // Reported per case below.
        }

        foreach (var (correlation, c) in byCorrelation)
        {
            if (accepted.TryGetValue(correlation, out var number))
            {
                tally.Accepted(c, number);
            }
            else if (!rejected.TryGetValue(correlation, out var message))
            {
                tally.Failed(c, "neither rejected nor accepted (lost or stuck)");
            }
            else if (string.IsNullOrWhiteSpace(message.Header(AmqpHeaders.Reason)))
            {
                tally.Failed(c, "rejected without a reason");
            }
            else if (!message.Body.AsSpan().SequenceEqual(c.Body))
            {
                tally.Failed(c, "rejected with a body other than the one published");
            }
            else
            {
                tally.Refused(c);
            }
        }

        var strangers = rejected.Keys.Where(k => !byCorrelation.ContainsKey(k)).ToList();
        Assert.True(strangers.Count == 0, $"rejected messages this run did not send: {string.Join(", ", strangers)}");
        output.WriteLine(tally.Table());
        await HubAfterBadInput.AssertHealthyAsync(Hub);
        var order = Orders.Valid();
        await client.PublishAsync("order.place", AmqpTestClient.Json(order), AmqpTestClient.Properties(Guid.NewGuid().ToString()));
        await HubAfterBadInput.AssertCompletesAsync(Hub, tally, order.OrderNumber!);
        await HubAfterBadInput.AssertNothingHalfProcessedAsync(Hub, tally);
        HubAfterBadInput.AssertNoFailures(tally);
        HubAfterBadInput.AssertBoundedMemory(output, tally);
        Assert.True(tally.Total >= 500, $"only {tally.Total} cases");
    }

    /// <summary>Correlation id and order number of every message of this run the hub journaled as accepted.</summary>
    private async Task<List<(string Correlation, string Number)>> AcceptedAsync(string run)
    {
        await using var db = await Hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        var prefix = $"bad-{run}-";
        var entries = await db.Journal.AsNoTracking()
            .Where(e => e.Outcome == JournalOutcomes.Accepted && e.CorrelationId.StartsWith(prefix) && e.OrderNumber != null)
            .Select(e => new { e.CorrelationId, e.OrderNumber })
            .ToListAsync();
        return entries.Select(e => (e.CorrelationId, e.OrderNumber!)).Distinct().ToList();
    }

    /// <summary>The hub of this class, with the AMQP intake on a virtual host of its own.</summary>
    public sealed class Fixture : AmqpHubFixture
    {
        protected override string Prefix => "amqp-bad";
    }
}
