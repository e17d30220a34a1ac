namespace CommerceBus.Adapters.Tcp;

/// <summary>Whether a TLS listener asks terminals for a certificate.</summary>
public enum TcpClientCertificateMode
{
    /// <summary>Not asked for.</summary>
    None,

    /// <summary>Asked for; a terminal without one is served, one with a certificate that fails the check is not.</summary>
    Allow,

    /// <summary>Required: a terminal without an accepted certificate is disconnected during the handshake.</summary>
    Require,
}
