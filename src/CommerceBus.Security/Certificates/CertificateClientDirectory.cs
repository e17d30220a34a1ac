using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.Abstractions.Inbound;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.Certificates;

/// <summary>
/// The one mapping of a client certificate to a client (<c>CommerceBus:Security:Certificates</c>, by SHA-256
/// thumbprint): HTTPS's certificate scheme and the TCP listeners both ask it, and it reads the current settings each time.
/// </summary>
internal sealed class CertificateClientDirectory(IOptionsMonitor<SecurityOptions> options, IServiceScopeFactory services) : ICertificateClients
{
    public bool CredentialsConfigured => options.CurrentValue.HasCredentials;

    public string? ClientOf(X509Certificate certificate) => Find(certificate)?.Id;

    /// <summary>The intake policy of REST and SOAP (<see cref="SecurityPolicies.Intake"/>), asked for the client as its certificate makes it.</summary>
    public async Task<bool> MayUseIntakeAsync(string clientId)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        if (!options.CurrentValue.Certificates.TryGetValue(clientId, out var client))
        {
            return false;
        }

        // The framework's authorization service and its handlers, as an endpoint's request would have them.
        await using var scope = services.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(PrincipalOf(clientId, client, "certificate"), null, SecurityPolicies.Intake);
        return result.Succeeded;
    }

    /// <summary>The client pinned to <paramref name="certificate"/>, with its settings; null when none is.</summary>
    public (string Id, CertificateClientOptions Client)? Find(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        foreach (var (id, client) in options.CurrentValue.Certificates)
        {
            if (client.Normalized == thumbprint)
            {
                return (id, client);
            }
        }

        return null;
    }

    /// <summary>The authenticated client a certificate makes: its id as the name, its configured roles as role claims.</summary>
    public static ClaimsPrincipal PrincipalOf(string id, CertificateClientOptions client, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, id));
        identity.AddClaims(client.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(identity);
    }
}
