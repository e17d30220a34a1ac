using System.Net.Security;
using System.Security.Cryptography;

namespace CommerceBus.Adapters.Proxy.Routing;

/// <summary>
/// How the proxy checks an https destination's certificate: as the machine's roots say, and besides that a certificate
/// pinned by its SHA-256 thumbprint (<c>CommerceBus:Proxy:TrustedDestinationThumbprints</c>) is trusted as it is.
/// </summary>
internal static class DestinationTrust
{
    /// <summary>The thumbprint as compared: hex digits only, upper case.</summary>
    public static string Normalize(string thumbprint) => thumbprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    /// <summary>True when <paramref name="thumbprint"/> reads as a SHA-256 thumbprint (64 hex digits, colons allowed).</summary>
    public static bool IsThumbprint(string? thumbprint) =>
        thumbprint is not null && Normalize(thumbprint) is { Length: 64 } hex && hex.All(Uri.IsHexDigit);

    /// <summary>The TLS options of the proxy's client: the machine's checks alone when nothing is pinned (null).</summary>
    public static SslClientAuthenticationOptions? For(IReadOnlyCollection<string> pinned)
    {
        if (pinned.Count == 0)
        {
            return null;
        }

        var thumbprints = pinned.Select(Normalize).ToHashSet(StringComparer.Ordinal);

        // A pinned certificate is that exact certificate, so its chain and name need no other authority.
        return new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (certificate is not null && thumbprints.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA256))),
        };
    }
}
