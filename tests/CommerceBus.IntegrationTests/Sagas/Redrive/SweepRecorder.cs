using System.Data.Common;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Fulfillment.Recovery;
using CommerceBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommerceBus.IntegrationTests.Sagas.Redrive;

/// <summary>
/// What one hub does while it should be idle, in the order it happened: every SQL statement it runs (an EF Core command
/// interceptor on its context factory) and every sweep it logs (the stalled-order re-drive, event 1405, and the outbox
/// sweep, event 1504), plus every message its bus sends or publishes. The statements carrying a sweep's tag between two
/// of its lines are that sweep's.
/// </summary>
public sealed class SweepRecorder : DbCommandInterceptor, ILoggerProvider, ISendObserver, IPublishObserver
{
    public const int RedriveSweep = 1405;
    public const int OutboxSweep = 1504;

    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<(bool Published, Type Type)> _messages = new();

    /// <summary>One statement (<see cref="Sql"/> set) or one sweep line (<see cref="EventId"/> and its values set).</summary>
    public sealed record Entry(string? Sql, int EventId, IReadOnlyDictionary<string, object?> Values);

    /// <summary>Messages sent or published by the hub's bus since <see cref="Observe"/>.</summary>
    public int Sent => _messages.Count;

    /// <summary>How many messages of <paramref name="type"/> the hub's bus published (<paramref name="published"/>) or sent.</summary>
    public int Count(Type type, bool published) => _messages.Count(m => m.Type == type && m.Published == published);

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Adds the recorder to a hub's services (its logging, its context factory); call <see cref="Observe"/> once it runs.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(this);

        // The sweeps' lines are Debug: to this recorder only, whatever the hub's own log levels.
        services.AddLogging(logging => logging.AddFilter<SweepRecorder>("CommerceBus", LogLevel.Debug));
        services.ConfigureDbContext<HubDbContext>(options => options.AddInterceptors(this));
    }

    /// <summary>Counts from now on every message the hub's bus sends or publishes.</summary>
    public void Observe(IBus bus)
    {
        bus.ConnectSendObserver(this);
        bus.ConnectPublishObserver(this);
    }

    /// <summary>The sweep lines of <paramref name="eventId"/>, each with the number of statements of its kind run since the previous one.</summary>
    public List<(IReadOnlyDictionary<string, object?> Values, int Statements)> Sweeps(int eventId) =>
        [.. SweepStatements(eventId).Select(s => (s.Values, s.Statements.Count))];

    /// <summary>The sweep lines of <paramref name="eventId"/>, each with the statements of its kind run since the previous one.</summary>
    public List<(IReadOnlyDictionary<string, object?> Values, List<string> Statements)> SweepStatements(int eventId)
    {
        var sweeps = new List<(IReadOnlyDictionary<string, object?>, List<string>)>();
        var statements = new List<string>();
        foreach (var entry in Entries)
        {
            // Each sweep tags its statements (an SQL comment); other work of the hub is not counted here.
            if (entry.Sql is { } sql && sql.Contains("-- " + (eventId == OutboxSweep ? OutboxSweeper.QueryTag : OrderRecovery.QueryTag), StringComparison.Ordinal))
            {
                statements.Add(sql);
            }
            else if (entry.Sql is null && entry.EventId == eventId)
            {
                sweeps.Add((entry.Values, statements));
                statements = [];
            }
        }

        return sweeps;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    private T Record<T>(DbCommand command, T result)
    {
        Add(new Entry(command.CommandText, 0, new Dictionary<string, object?>()));
        return result;
    }

    private void Add(Entry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    ILogger ILoggerProvider.CreateLogger(string categoryName) => new SweepLogger(this);

    void IDisposable.Dispose()
    {
    }

    Task ISendObserver.PreSend<T>(SendContext<T> context)
    {
        _messages.Enqueue((false, typeof(T)));
        return Task.CompletedTask;
    }

    Task ISendObserver.PostSend<T>(SendContext<T> context) => Task.CompletedTask;

    Task ISendObserver.SendFault<T>(SendContext<T> context, Exception exception) => Task.CompletedTask;

    Task IPublishObserver.PrePublish<T>(PublishContext<T> context)
    {
        _messages.Enqueue((true, typeof(T)));
        return Task.CompletedTask;
    }

    Task IPublishObserver.PostPublish<T>(PublishContext<T> context) => Task.CompletedTask;

    Task IPublishObserver.PublishFault<T>(PublishContext<T> context, Exception exception) => Task.CompletedTask;

    private sealed class SweepLogger(SweepRecorder recorder) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is RedriveSweep or OutboxSweep && state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                recorder.Add(new Entry(null, eventId.Id, values.ToDictionary(v => v.Key, v => v.Value)));
            }
        }
    }
}
