using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CommerceBus.Adapters.Tcp.Transport;

/// <summary>A listener's TLS settings made ready once: the server certificate loaded and the client certificate check.</summary>
internal sealed class TlsServer
{
    private readonly TcpTlsOptions _options;
    private readonly HashSet<string> _pinned;

    private TlsServer(TcpTlsOptions options, X509Certificate2 certificate)
    {
        _options = options;
        _pinned = new HashSet<string>(options.AllowedClientThumbprints.Select(t => t.Replace(":", "", StringComparison.Ordinal)), StringComparer.OrdinalIgnoreCase);
        Authentication = new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            ClientCertificateRequired = options.ClientCertificate != TcpClientCertificateMode.None,
            RemoteCertificateValidationCallback = (_, client, _, errors) => Accepts(client, errors),
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
    }

    public SslServerAuthenticationOptions Authentication { get; }

    public TimeSpan HandshakeTimeout => _options.HandshakeTimeout;

    /// <summary>Loads the certificate; a missing or unreadable file stops the start naming the setting.</summary>
    public static TlsServer Load(string listener, TcpTlsOptions options)
    {
        try
        {
            var certificate = string.IsNullOrEmpty(options.CertificateKeyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword)
                : X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.CertificateKeyPath);
            return new TlsServer(options, certificate);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"CommerceBus:Adapters:Tcp:Listeners:{listener}:Tls:CertificatePath '{options.CertificatePath}' could not be loaded: {ex.Message}", ex);
        }
    }

    private bool Accepts(X509Certificate? client, SslPolicyErrors errors)
    {
        if (_options.ClientCertificate == TcpClientCertificateMode.None)
        {
            return true;
        }

        if (client is null)
        {
            return _options.ClientCertificate == TcpClientCertificateMode.Allow;
        }

        return _pinned.Count > 0
            ? _pinned.Contains(client.GetCertHashString(HashAlgorithmName.SHA256))
            : errors == SslPolicyErrors.None;
    }
}
