using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.Core.Scheduling;

/// <summary>
/// Lets the scheduler dashboard (and the operator API) be opened from the hub's own machine (loopback), and from
/// elsewhere only with the configured user and password (HTTP basic authentication; use it behind HTTPS).
/// </summary>
/// <remarks>Hangfire's dashboard asks it through CommerceBus.Scheduling.Hangfire's <c>DashboardAuthorization</c>.</remarks>
internal sealed class DashboardAuthorizationFilter(SchedulerOptions options)
{
    public bool IsAllowed(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
        {
            return true;
        }

        if (HasCredential(http.Request.Headers.Authorization.ToString()))
        {
            return true;
        }

        http.Response.Headers.WWWAuthenticate = "Basic realm=\"CommerceBus scheduler\"";
        return false;
    }

    private bool HasCredential(string header)
    {
        if (string.IsNullOrEmpty(options.DashboardUser) || string.IsNullOrEmpty(options.DashboardPassword)
            || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(header["Basic ".Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{options.DashboardUser}:{options.DashboardPassword}");
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
