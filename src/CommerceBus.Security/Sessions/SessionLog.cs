using Microsoft.Extensions.Logging;

namespace CommerceBus.Security.Sessions;

/// <summary>The operator sessions' log messages (event ids 9010–9019, of the console's range).</summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 9010, Level = LogLevel.Information, Message = "Operator session opened for client {Client} from {Remote}")]
    public static partial void Opened(ILogger logger, string client, string? remote);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Information, Message = "Refused an operator sign-in with an API key the hub does not know, from {Remote}")]
    public static partial void Refused(ILogger logger, string? remote);
}
