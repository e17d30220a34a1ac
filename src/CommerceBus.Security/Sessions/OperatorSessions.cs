using System.Security.Claims;
using CommerceBus.Security.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.Sessions;

/// <summary>Opens and closes operator browser sessions: an API key the hub knows becomes a session cookie with that client's id and roles.</summary>
public sealed class OperatorSessions(IOptionsMonitor<SecurityOptions> security, ILogger<OperatorSessions> logger)
{
    /// <summary>Whether any credential is configured; without one the hub is in protected mode and nobody signs in.</summary>
    public bool SignInPossible => security.CurrentValue.ApiKeys.Count > 0;

    /// <summary>Signs the browser in with <paramref name="apiKey"/>; false (and no cookie) when the key is unknown or has no role.</summary>
    public async Task<bool> SignInAsync(HttpContext http, string apiKey)
    {
        var principal = ApiKeyClients.Authenticate(security.CurrentValue, apiKey, OperatorSessionDefaults.Scheme, out var hash);
        if (principal is null || !principal.Claims.Any(c => c.Type == ClaimTypes.Role))
        {
            SessionLog.Refused(logger, http.Connection.RemoteIpAddress?.ToString());
            return false;
        }

        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(OperatorSessionDefaults.KeyHashClaim, hash));
        await http.SignInAsync(OperatorSessionDefaults.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        SessionLog.Opened(logger, principal.Identity!.Name!, http.Connection.RemoteIpAddress?.ToString());
        return true;
    }

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(OperatorSessionDefaults.Scheme);

    /// <summary>Ends a session whose key was removed or replaced since it was opened, and refreshes its roles from configuration.</summary>
    internal static Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetService(typeof(IOptionsMonitor<SecurityOptions>)) as IOptionsMonitor<SecurityOptions>;
        var client = context.Principal?.Identity?.Name;
        var hash = context.Principal?.FindFirst(OperatorSessionDefaults.KeyHashClaim)?.Value;
        if (options is null || client is null || hash is null
            || !options.CurrentValue.ApiKeys.TryGetValue(client, out var configured) || !ApiKeyHash.Matches(hash, configured.Hash))
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(OperatorSessionDefaults.Scheme);
        }

        return Task.CompletedTask;
    }
}
