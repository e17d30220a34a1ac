using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core.Journal;
using CommerceBus.Examples.Returns;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Examples;

/// <summary>
/// The worked example of docs/adding-a-command.md: the returns module adds the <c>ReturnOrder</c> command with one
/// registration (<c>AddReturns</c>) and a route in configuration, and a return flows through the hub's pipeline to the
/// returns desk; the engine and the order module are not touched.
/// </summary>
public sealed class ReturnOrderExampleTests
{
    private static readonly Dictionary<string, string?> ReturnsRoute = new()
    {
        ["CommerceBus:Endpoints:returns-desk:Connector"] = "bus",
        ["CommerceBus:Endpoints:returns-desk:Queue"] = ReturnsBuilderExtensions.Queue,

        // After the seven routes of appsettings.json: no earlier route takes a ReturnOrder.
        ["CommerceBus:Routing:Routes:7:Name"] = "returns",
        ["CommerceBus:Routing:Routes:7:Types:0"] = "ReturnOrder",
        ["CommerceBus:Routing:Routes:7:Endpoints:0"] = "returns-desk",
    };

    [Fact]
    public async Task A_return_added_by_its_module_is_validated_accepted_journaled_and_delivered_to_the_returns_desk()
    {
        await using var hub = await TestHub.StartAsync(ReturnsRoute, configureHub: h => h.AddReturns());
        var desk = hub.Services.GetRequiredService<ReturnsDesk>();
        var command = new ReturnOrder { OrderNumber = "RET-1001", Sku = "BOOK-001", Quantity = 1, Reason = "arrived damaged" };

        var answer = await hub.Gateway.SubmitAsync(new InboundMessage { Command = command, SourceAdapter = "tests" }, CancellationToken.None);

        Assert.Equal(InboundOutcome.Accepted, answer.Outcome);
        Assert.Equal("RET-1001", answer.OrderNumber);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.Equal(command, await desk.Received.ReadAsync(deadline.Token));

        var journal = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == "RET-1001" && e.MessageType == "ReturnOrder.v1"));
        Assert.Contains(journal, e => e.Direction == JournalDirection.Inbound && e.Outcome == JournalOutcomes.Accepted);
    }

    [Fact]
    public async Task A_return_that_breaks_the_modules_field_rules_is_refused_with_every_bad_field_and_not_delivered()
    {
        await using var hub = await TestHub.StartAsync(ReturnsRoute, configureHub: h => h.AddReturns());
        var desk = hub.Services.GetRequiredService<ReturnsDesk>();

        var answer = await hub.Gateway.SubmitAsync(
            new InboundMessage { Command = new ReturnOrder { OrderNumber = "RET-1002", Quantity = 0 }, SourceAdapter = "tests" },
            CancellationToken.None);

        Assert.Equal(InboundOutcome.Invalid, answer.Outcome);
        Assert.Equal(["quantity", "sku"], answer.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));

        // The desk's first delivery is the valid return sent after it: the refused one never went out.
        var valid = new ReturnOrder { OrderNumber = "RET-1003", Sku = "PEN-777", Quantity = 2 };
        Assert.Equal(InboundOutcome.Accepted, (await hub.Gateway.SubmitAsync(new InboundMessage { Command = valid, SourceAdapter = "tests" }, CancellationToken.None)).Outcome);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.Equal(valid, await desk.Received.ReadAsync(deadline.Token));
    }
}
