using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Security.Certificates;

/// <summary>Makes a validated client certificate the client it is pinned to (<see cref="CertificateClientDirectory"/>) with its roles, or fails it.</summary>
internal static class CertificateClients
{
    public static Task OnValidated(CertificateValidatedContext context)
    {
        var directory = context.HttpContext.RequestServices.GetRequiredService<CertificateClientDirectory>();
        var match = directory.Find(context.ClientCertificate);
        if (match is null)
        {
            context.Fail("The client certificate is not one the hub knows.");
            return Task.CompletedTask;
        }

        var (id, client) = match.Value;

        var identity = new ClaimsIdentity(context.Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, id));
        identity.AddClaims(client.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        context.Principal = new ClaimsPrincipal(identity);
        context.Success();
        return Task.CompletedTask;
    }
}
