using CommerceBus.Security.ApiKeys;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.Security.Hosting;

/// <summary>The hub's one default scheme: forwards to the scheme of the credential a request carries.</summary>
public static class HubAuthenticationSchemes
{
    /// <summary>The policy scheme every hub policy authenticates with.</summary>
    public const string Default = "CommerceBus";

    internal static string Select(HttpContext http, bool jwt) =>
        jwt && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyDefaults.Scheme;
}
