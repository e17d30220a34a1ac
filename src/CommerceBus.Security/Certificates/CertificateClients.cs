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

        context.Principal = CertificateClientDirectory.PrincipalOf(id, client, context.Scheme.Name);
        context.Success();
        return Task.CompletedTask;
    }
}
