using Microsoft.Extensions.Logging;

namespace CommerceBus.Security;

/// <summary>The security module's log messages (event ids 8700–8702 and 8710–8799).</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 8700, Level = LogLevel.Information, Message = "Refused a request to the {Surface} ({Path}): {Reason}; from {Remote}")]
    public static partial void Refused(ILogger logger, string surface, string path, string reason, string? remote);

    [LoggerMessage(EventId = 8701, Level = LogLevel.Warning, Message = "Protected mode: no credentials are configured, so the hub serves anonymous callers on this machine only")]
    public static partial void ProtectedModeOn(ILogger logger);

    [LoggerMessage(EventId = 8702, Level = LogLevel.Information, Message = "Rate limit of {Surface} reached for client {Client}")]
    public static partial void RateLimited(ILogger logger, string surface, string client);

    [LoggerMessage(EventId = 8710, Level = LogLevel.Information, Message = "Refused the WS-Security UsernameToken of client {Client} ({PasswordType}): {Reason}")]
    public static partial void UsernameTokenRefused(ILogger logger, string client, string passwordType, string reason);

    [LoggerMessage(EventId = 8711, Level = LogLevel.Warning, Message = "The digest secret file {Path} cannot be used: {Reason}; PasswordDigest tokens of its client are refused")]
    public static partial void DigestSecretUnreadable(ILogger logger, string path, string reason);
}
