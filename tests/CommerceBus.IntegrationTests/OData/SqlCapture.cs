using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CommerceBus.IntegrationTests.OData;

/// <summary>Keeps the SQL EF Core logs as it runs commands, so a test can show a query ran in the database.</summary>
/// <remarks>
/// The category must be enabled at <see cref="LogLevel.Debug"/>, though only the "executed" lines are kept: when EF Core
/// finds its "executing" line (Debug) disabled, it skips the "executed" one (Information) too for the next commands on
/// that context for its logging cache time (1 s), and the hub's contexts are pooled, so a query right after another one
/// would go unseen.
/// </remarks>
public sealed class SqlCapture : ILoggerProvider
{
    public const string Category = "Microsoft.EntityFrameworkCore.Database.Command";

    /// <summary>The level <see cref="Category"/> must be enabled at.</summary>
    public const string Level = "Debug";

    private readonly ConcurrentQueue<string> _commands = new();

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Logger(_commands) : NullLogger;

    public void Dispose()
    {
    }

    private static readonly ILogger NullLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private sealed class Logger(ConcurrentQueue<string> commands) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == RelationalEventId.CommandExecuted.Id)
            {
                commands.Enqueue(formatter(state, exception));
            }
        }
    }
}
