using System.Net;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.Security.Authorization;

/// <summary>
/// The rule of a hub with no credentials configured: it serves an anonymous caller only on its own machine and only
/// when the request came through no proxy, so a proxy, tunnel or sidecar on the same host cannot open it to the network.
/// </summary>
public static class ProtectedMode
{
    /// <summary>The headers a proxy adds; any of them means the caller is not the local process that connected.</summary>
    public static readonly IReadOnlyList<string> ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Real-IP", "X-Forwarded-Host", "X-Original-For"];

    public static bool AllowsAnonymous(HttpContext http, SecurityOptions options) =>
        !options.HasCredentials
        && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && !IsForwarded(http.Request);

    public static bool IsForwarded(HttpRequest request) =>
        ForwardingHeaders.Any(request.Headers.ContainsKey);
}
