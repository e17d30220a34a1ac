using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.Certificates;

/// <summary>Maps a validated client certificate to the configured client with its SHA-256 thumbprint, or fails it.</summary>
internal static class CertificateClients
{
    public static Task OnValidated(CertificateValidatedContext context)
    {
        var security = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<SecurityOptions>>().CurrentValue;
        var thumbprint = context.ClientCertificate.GetCertHashString(HashAlgorithmName.SHA256);
        var match = security.Certificates.FirstOrDefault(c => c.Value.Normalized == thumbprint);
        if (match.Key is null)
        {
            context.Fail("The client certificate is not one the hub knows.");
            return Task.CompletedTask;
        }

        var identity = new ClaimsIdentity(context.Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, match.Key));
        identity.AddClaims(match.Value.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        context.Principal = new ClaimsPrincipal(identity);
        context.Success();
        return Task.CompletedTask;
    }
}
