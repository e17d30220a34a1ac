using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CommerceBus.Security.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.WsSecurity;

/// <summary>
/// Authenticates a SOAP request by the WS-Security UsernameToken in its header: the user name is the client id of
/// <c>ApiKeys:{client}</c>; a PasswordText password is the client's API key (checked against its hash, and only over
/// TLS); a PasswordDigest is checked against the key in the client's <c>DigestSecretFile</c>, fresh and never replayed.
/// No security header: no result (the request may still carry an API key).
/// </summary>
internal sealed class UsernameTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IOptionsMonitor<SecurityOptions> security,
    NonceCache nonces)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    private const string Unknown = "The UsernameToken's user name and password are not those of a client the hub knows.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        ReadOnlyMemory<byte> start;
        try
        {
            start = await HeaderBytesAsync(Request);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode != StatusCodes.Status413PayloadTooLarge)
        {
            // A body arriving too slowly or cut short carries no credential this scheme can read; the SOAP adapter answers
            // the unreadable body with a sender fault (a server error here was what the bad-input suite caught).
            return AuthenticateResult.NoResult();
        }
        catch (ConnectionResetException)
        {
            return AuthenticateResult.NoResult();
        }

        var token = UsernameTokenReader.Read(start, out var problem);
        if (token is null)
        {
            return problem is null ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(problem);
        }

        var settings = security.CurrentValue;
        if (!settings.ApiKeys.TryGetValue(token.Username, out var client))
        {
            return AuthenticateResult.Fail(Unknown);
        }

        var why = token.Digest ? CheckDigest(token, client, settings.WsSecurity) : CheckText(token, client);
        if (why is not null)
        {
            SecurityLog.UsernameTokenRefused(Logger, token.Username, token.Digest ? "PasswordDigest" : "PasswordText", why);
            return AuthenticateResult.Fail(why);
        }

        var identity = new ClaimsIdentity(WsSecurityDefaults.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, token.Username));
        identity.AddClaims(client.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>PasswordText carries the key itself, so it is taken only over TLS (directly, or from a known proxy that terminated it).</summary>
    private string? CheckText(UsernameToken token, ApiKeyClientOptions client)
    {
        if (!Request.IsHttps)
        {
            return "A PasswordText UsernameToken carries the key in clear text, so the hub takes it only over HTTPS; "
                + "call the https:// address, or send a PasswordDigest.";
        }

        return ApiKeyHash.Matches(ApiKeyHash.Of(token.Password), client.Hash) ? null : Unknown;
    }

    private string? CheckDigest(UsernameToken token, ApiKeyClientOptions client, WsSecurityOptions options)
    {
        if (string.IsNullOrWhiteSpace(client.DigestSecretFile))
        {
            return $"Client '{token.Username}' has no DigestSecretFile configured, so a PasswordDigest cannot be checked "
                + "(the hub keeps only the key's hash); send PasswordText over HTTPS, or ask for the digest to be set up.";
        }

        if (token.Nonce is not { Length: > 0 } nonce || token.Created is null
            || !DateTimeOffset.TryParse(token.Created, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var created))
        {
            return "A PasswordDigest UsernameToken needs a Base64 wsse:Nonce and a wsu:Created time (ISO 8601, UTC).";
        }

        var now = TimeProvider.GetUtcNow();
        if (created < now - options.FreshnessWindow || created > now + options.ClockSkew)
        {
            return $"The UsernameToken was created at {token.Created}, outside the {options.FreshnessWindow.TotalMinutes:0.#} minutes "
                + "the hub accepts a digest for; send a new token with the current time (check the client's clock).";
        }

        var secret = SecretOf(client);
        if (secret is null)
        {
            return Unknown;
        }

        var expected = SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(token.Created), .. Encoding.UTF8.GetBytes(secret)]);
        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(token.Password);
        }
        catch (FormatException)
        {
            return Unknown;
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return Unknown;
        }

        return nonces.TryRecord(token.Username, nonce, created + options.FreshnessWindow + options.ClockSkew, now, options.NonceCacheSize) switch
        {
            NonceCache.Outcome.Recorded => null,
            NonceCache.Outcome.Replayed => "The UsernameToken's nonce was used before: every request needs a new nonce.",
            _ => "The hub remembers as many recent digest nonces as it may; try again shortly, or send PasswordText over HTTPS.",
        };
    }

    /// <summary>The key in the client's secret file, when it is the key whose hash is configured.</summary>
    private string? SecretOf(ApiKeyClientOptions client)
    {
        string secret;
        try
        {
            // Read at each use, so a rotated secret file is taken without a restart; it is a few bytes.
            secret = File.ReadAllText(client.DigestSecretFile!).Trim();
        }
        catch (IOException exception)
        {
            SecurityLog.DigestSecretUnreadable(Logger, client.DigestSecretFile!, exception.Message);
            return null;
        }
        catch (UnauthorizedAccessException exception)
        {
            SecurityLog.DigestSecretUnreadable(Logger, client.DigestSecretFile!, exception.Message);
            return null;
        }

        if (!ApiKeyHash.Matches(ApiKeyHash.Of(secret), client.Hash))
        {
            SecurityLog.DigestSecretUnreadable(Logger, client.DigestSecretFile!, "its content is not the key whose hash is configured");
            return null;
        }

        return secret;
    }

    /// <summary>Up to <see cref="WsSecurityDefaults.MaxHeaderBytes"/> of the body, which stays readable from its start.</summary>
    private static async Task<ReadOnlyMemory<byte>> HeaderBytesAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var buffer = new byte[WsSecurityDefaults.MaxHeaderBytes];
        var read = await request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return buffer.AsMemory(0, read);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
