using System.Security.Claims;
using System.Security.Cryptography;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>
/// An OIDC issuer for tests on loopback: its discovery document and JWKS over HTTP, with an RSA key made for the test,
/// and tokens it signs. The hub finds the key the way it finds a real issuer's, from <c>/.well-known/openid-configuration</c>.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "commercebus";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TestIssuer(WebApplication app, RsaSecurityKey key, string authority)
    {
        _app = app;
        _key = key;
        Authority = authority;
    }

    public string Authority { get; }

    public static async Task<TestIssuer> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
        var authority = $"http://127.0.0.1:{TestHub.FreeTcpPort()}";
        // Not the default environment "Production": the test folder holds the hub's appsettings.Production.json.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseUrls(authority);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var parameters = key.Rsa.ExportParameters(false);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority,
            ["jwks_uri"] = authority + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new
        {
            keys = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        }));
        await app.StartAsync();
        return new TestIssuer(app, key, authority);
    }

    /// <summary>The hub's settings that trust this issuer.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["CommerceBus:Security:Jwt:Authority"] = Authority,
        ["CommerceBus:Security:Jwt:Audience"] = Audience,
        ["CommerceBus:Security:Jwt:RequireHttpsMetadata"] = "false",
        ["CommerceBus:Security:Jwt:RoleClaim"] = "roles",
        ["CommerceBus:Security:Jwt:ClientIdClaim"] = "client_id",
    };

    /// <summary>A token for <paramref name="client"/> with <paramref name="roles"/>, signed by this issuer (or by a stranger's key).</summary>
    public string Token(string client, string[] roles, bool signedByStranger = false)
    {
        var signing = signedByStranger ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId } : _key;
        var claims = new List<Claim> { new("client_id", client), new("sub", client) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(signing, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
