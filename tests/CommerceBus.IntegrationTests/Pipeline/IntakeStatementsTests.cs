using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Pipeline;

/// <summary>
/// What accepting a new order costs the database (issue 21, the hop's profile): no read before its commit. The inbox
/// row's key and the order's key refuse a message id or an order number taken already at the commit, and only then are
/// they read, to answer the copy. Every SQL command is recorded by an EF Core command interceptor.
/// </summary>
public sealed partial class IntakeStatementsTests
{
    [Fact]
    public async Task New_order_is_committed_without_reading_the_inbox_or_the_order_first_and_its_copy_reads_them_to_answer()
    {
        var log = new CommandLog();
        await using var hub = await TestHub.StartAsync(configureServices: services => services.ConfigureDbContext<HubDbContext>(o => o.AddInterceptors(log)));
        var messageId = Guid.NewGuid();
        var order = Orders.Valid();

        log.Clear();
        var accepted = await hub.Gateway.SubmitAsync(Message(order, messageId), CancellationToken.None);
        var readsForNew = log.Commands.Where(IsLookUp).ToList();

        log.Clear();
        var copy = await hub.Gateway.SubmitAsync(Message(order, messageId), CancellationToken.None);
        var readsForCopy = log.Commands.Where(IsLookUp).ToList();

        Assert.Equal(InboundOutcome.Accepted, accepted.Outcome);
        Assert.True(readsForNew.Count == 0, "A new order read the inbox or looked its order number up before its commit; the keys decide at the commit now:\n" + string.Join("\n", readsForNew));
        Assert.Equal(InboundOutcome.Duplicate, copy.Outcome);
        Assert.Equal(accepted.TrackingId, copy.TrackingId);
        Assert.Contains(readsForCopy, c => InboxRead().IsMatch(c));
    }

    private static bool IsLookUp(string sql) => InboxRead().IsMatch(sql) || OrderNumberLookUp().IsMatch(sql);

    [GeneratedRegex("FROM \"?inbox\"?")]
    private static partial Regex InboxRead();

    // The acceptor's look-up of the order number (the saga row by its order number), not the saga's load by its key.
    [GeneratedRegex("FROM \"?order_sagas\"? AS \"?\\w+\"?\\s+WHERE \"?\\w+\"?\\.\"OrderNumber\" = ")]
    private static partial Regex OrderNumberLookUp();

    private static InboundMessage Message(object command, Guid messageId) => new()
    {
        Command = command,
        SourceAdapter = "tests",
        MessageId = messageId,
    };

    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _commands = new();

        public IReadOnlyList<string> Commands => [.. _commands];

        public void Clear() => _commands.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            _commands.Enqueue(command.CommandText);
            return base.ReaderExecuting(command, eventData, result);
        }
    }
}
