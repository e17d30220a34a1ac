using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.ApiKeys;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against the configured key hashes: the client is the configured entry
/// whose hash matches, with its roles. No header: no result (another scheme, or none, may apply).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<SecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyDefaults.Header, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = ApiKeyClients.Authenticate(security.CurrentValue, values.ToString(), Scheme.Name, out _);
        if (principal is not null)
        {
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
        }

        return Task.FromResult(AuthenticateResult.Fail("The API key is not one the hub knows."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"ApiKey header=\"{ApiKeyDefaults.Header}\"");
        return Task.CompletedTask;
    }
}
