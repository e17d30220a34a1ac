namespace CommerceBus.Adapters.Tcp;

/// <summary>TLS on one TCP listener (configuration <c>CommerceBus:Adapters:Tcp:Listeners:{name}:Tls</c>); off while <see cref="CertificatePath"/> is empty.</summary>
public sealed class TcpTlsOptions
{
    /// <summary>The server certificate: a PKCS#12 file (<c>.pfx</c>), or a PEM certificate with <see cref="CertificateKeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The password of a PKCS#12 certificate file.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Whether terminals present a certificate: <c>None</c>, <c>Allow</c> or <c>Require</c>.</summary>
    public TcpClientCertificateMode ClientCertificate { get; set; } = TcpClientCertificateMode.None;

    /// <summary>
    /// SHA-256 thumbprints (hex) of the client certificates accepted; empty: any certificate whose chain the machine
    /// trusts. Pinned certificates need no chain, so a store's self-signed terminal certificates work.
    /// </summary>
    public List<string> AllowedClientThumbprints { get; init; } = [];

    /// <summary>A handshake not finished in this time closes the connection.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
