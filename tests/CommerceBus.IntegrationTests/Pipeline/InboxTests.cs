using CommerceBus.Abstractions.Inbound;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Pipeline;

/// <summary>
/// The hub's inbox: a message id a client gave is applied at most once, whatever the message says the second time.
/// Payments are held at a gate so an order is provably still cancellable when the cancels arrive.
/// </summary>
public sealed class InboxTests
{
    [Fact]
    public async Task Message_id_already_accepted_is_answered_as_a_duplicate_and_its_new_command_is_not_applied()
    {
        await using var hub = await TestHub.StartAsync();
        var messageId = Guid.NewGuid();
        var first = Orders.Valid();
        var other = Orders.Valid();

        var accepted = await hub.Gateway.SubmitAsync(Message(first, messageId), CancellationToken.None);
        var again = await hub.Gateway.SubmitAsync(Message(other, messageId), CancellationToken.None);

        Assert.Equal(InboundOutcome.Accepted, accepted.Outcome);
        Assert.Equal(InboundOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.OrderNumber, again.OrderNumber);
        Assert.Equal(accepted.TrackingId, again.TrackingId);
        Assert.Null(await hub.Gateway.GetStatusAsync(OrderFamily.Name, other.OrderNumber!, CancellationToken.None));
    }

    [Fact]
    public async Task Deliveries_of_one_message_id_racing_each_other_are_accepted_once()
    {
        await using var hub = await TestHub.StartAsync();
        var messageId = Guid.NewGuid();
        var orders = Enumerable.Range(0, 8).Select(_ => Orders.Valid()).ToList();

        // A broker redelivering while the first delivery is still in flight (on pool threads: SQLite's async calls
        // complete synchronously, so without them nothing would overlap): every delivery checks the inbox before
        // any of them has committed, so only the inbox key at commit can keep the id at most once.
        var answers = await Task.WhenAll(orders.Select(o => Task.Run(() => hub.Gateway.SubmitAsync(Message(o, messageId), CancellationToken.None))));

        var accepted = Assert.Single(answers, a => a.Outcome == InboundOutcome.Accepted);
        Assert.All(answers.Where(a => a != accepted), a => Assert.Equal(InboundOutcome.Duplicate, a.Outcome));
        Assert.All(answers, a => Assert.Equal(accepted.TrackingId, a.TrackingId));
        var stored = 0;
        foreach (var order in orders)
        {
            stored += await hub.Gateway.GetStatusAsync(OrderFamily.Name, order.OrderNumber!, CancellationToken.None) is null ? 0 : 1;
        }

        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task Cancel_redelivered_under_its_message_id_is_applied_once()
    {
        var gate = new PaymentsGate();
        await using var hub = await TestHub.StartAsync(PaymentsGate.Settings, configureServices: services =>
        {
            services.AddSingleton(gate);
            services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
        });
        var order = Orders.Valid();
        Assert.True((await hub.Gateway.SubmitAsync(Message(order, Guid.NewGuid()), CancellationToken.None)).IsAccepted);
        await hub.WaitForStatusAsync(order.OrderNumber!, "StockReserved");
        var cancelId = Guid.NewGuid();
        var cancel = new CancelOrder { OrderNumber = order.OrderNumber, Reason = "changed my mind" };

        var first = await hub.Gateway.SubmitAsync(Message(cancel, cancelId), CancellationToken.None);
        var redelivered = await hub.Gateway.SubmitAsync(Message(cancel with { Reason = "other reason" }, cancelId), CancellationToken.None);
        gate.Open();

        Assert.Equal(InboundOutcome.Accepted, first.Outcome);
        Assert.Equal(InboundOutcome.Duplicate, redelivered.Outcome);
        var entries = await hub.JournalAsync(q => q.Where(e => e.MessageId == cancelId && e.Direction == JournalDirection.Inbound));
        Assert.Equal([JournalOutcomes.Accepted, JournalOutcomes.Duplicate], entries.Select(e => e.Outcome));
        var status = await hub.WaitForStatusAsync(order.OrderNumber!, nameof(OrderStatus.Cancelled), nameof(OrderStatus.Completed));
        Assert.Equal(nameof(OrderStatus.Cancelled), status!.Status);
        Assert.Equal("changed my mind", status.Reason);
    }

    [Fact]
    public async Task Refused_message_id_is_not_remembered_so_a_corrected_message_under_it_is_accepted()
    {
        await using var hub = await TestHub.StartAsync();
        var messageId = Guid.NewGuid();
        var order = Orders.Valid();

        var refused = await hub.Gateway.SubmitAsync(Message(order with { Currency = "XXX" }, messageId), CancellationToken.None);
        var corrected = await hub.Gateway.SubmitAsync(Message(order, messageId), CancellationToken.None);

        Assert.Equal(InboundOutcome.Invalid, refused.Outcome);
        Assert.Equal(InboundOutcome.Accepted, corrected.Outcome);
    }

    [Fact]
    public async Task Message_id_already_accepted_is_a_duplicate_even_when_its_second_body_would_be_refused()
    {
        // The first run of the steps does not read the inbox (the inbox key decides at the commit); a refusal commits no
        // inbox row, so the step must look the id up then, or the copy would be answered "invalid" instead.
        await using var hub = await TestHub.StartAsync();
        var messageId = Guid.NewGuid();
        var order = Orders.Valid();

        var accepted = await hub.Gateway.SubmitAsync(Message(order, messageId), CancellationToken.None);
        var again = await hub.Gateway.SubmitAsync(Message(Orders.Valid() with { Currency = "XXX" }, messageId), CancellationToken.None);

        Assert.Equal(InboundOutcome.Accepted, accepted.Outcome);
        Assert.True(again.Outcome == InboundOutcome.Duplicate, $"The copy under a message id already accepted was answered {again.Outcome} ({again.Detail}): the inbox must be read when the steps refuse a message it skipped reading for.");
        Assert.Equal(order.OrderNumber, again.OrderNumber);
        Assert.Equal(accepted.TrackingId, again.TrackingId);
        var entries = await hub.JournalAsync(q => q.Where(e => e.MessageId == messageId && e.Direction == JournalDirection.Inbound));
        Assert.Equal([JournalOutcomes.Accepted, JournalOutcomes.Duplicate], entries.Select(e => e.Outcome));
    }

    private static InboundMessage Message(object command, Guid messageId) => new()
    {
        Command = command,
        SourceAdapter = "tests",
        MessageId = messageId,
    };
}
