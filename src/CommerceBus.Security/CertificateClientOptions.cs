namespace CommerceBus.Security;

/// <summary>One client certificate client (mTLS): the certificate's SHA-256 thumbprint and the client's roles.</summary>
public sealed class CertificateClientOptions
{
    /// <summary>The SHA-256 thumbprint of the client's certificate, hex (<c>openssl x509 -noout -fingerprint -sha256</c>; colons allowed).</summary>
    public string Thumbprint { get; set; } = "";

    public List<string> Roles { get; init; } = [];

    /// <summary>The thumbprint as compared: hex digits only, upper case.</summary>
    public string Normalized => Thumbprint.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
}
