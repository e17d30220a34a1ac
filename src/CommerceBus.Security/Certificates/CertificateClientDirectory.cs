using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.Abstractions.Inbound;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.Certificates;

/// <summary>
/// The one mapping of a client certificate to a client (<c>CommerceBus:Security:Certificates</c>, by SHA-256
/// thumbprint): HTTPS's certificate scheme and the TCP listeners both ask it, and it reads the current settings each time.
/// </summary>
internal sealed class CertificateClientDirectory(IOptionsMonitor<SecurityOptions> options) : ICertificateClients
{
    public string? ClientOf(X509Certificate certificate) => Find(certificate)?.Id;

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
}
