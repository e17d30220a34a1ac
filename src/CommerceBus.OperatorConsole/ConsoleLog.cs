using Microsoft.Extensions.Logging;

namespace CommerceBus.OperatorConsole;

/// <summary>The console's log messages (event ids 9000–9009; 9010–9019 are the operator sessions' in CommerceBus.Security).</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Console: {Operator} {Action} ({Outcome})")]
    public static partial void Action(ILogger logger, string @operator, string action, string outcome);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Console: {Operator} cancelled order {OrderNumber}: {Outcome}")]
    public static partial void Cancelled(ILogger logger, string @operator, string orderNumber, string outcome);
}
