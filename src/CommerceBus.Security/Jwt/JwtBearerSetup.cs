using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.Jwt;

/// <summary>Points the framework's JwtBearer handler at the configured OIDC issuer, with the client id and roles from the configured claims.</summary>
internal sealed class JwtBearerSetup(IOptions<SecurityOptions> security) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var issuer = security.Value.Jwt;
        options.Authority = issuer.Authority;
        options.Audience = issuer.Audience;
        options.RequireHttpsMetadata = issuer.RequireHttpsMetadata;

        // Claims keep the issuer's names, so RoleClaim and ClientIdClaim mean what the issuer sends.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = issuer.ClientIdClaim;
        options.TokenValidationParameters.RoleClaimType = issuer.RoleClaim;
        options.TokenValidationParameters.ValidateAudience = !string.IsNullOrEmpty(issuer.Audience);
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
