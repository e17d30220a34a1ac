using System.Security.Cryptography.X509Certificates;

namespace CommerceBus.Abstractions.Inbound;

/// <summary>
/// The hub's clients known by their certificates (mTLS), for an adapter that takes certificates outside ASP.NET Core's
/// authentication, such as a TCP listener's TLS handshake: the same mapping, and the same role policies, the hub's
/// HTTPS endpoints use.
/// </summary>
public interface ICertificateClients
{
    /// <summary>
    /// True when the hub has any credential configured (API keys, a token issuer, client certificates): then no surface
    /// serves an anonymous caller, and a caller must be a client with the role a surface needs.
    /// </summary>
    bool CredentialsConfigured { get; }

    /// <summary>The id of the client <paramref name="certificate"/> is pinned to; null when it is no client's.</summary>
    string? ClientOf(X509Certificate certificate);

    /// <summary>
    /// Whether client <paramref name="clientId"/> (a certificate's, from <see cref="ClientOf"/>) may use the intake:
    /// place and cancel orders and ask their status. Decided by the hub's intake policy (the role <c>intake</c>) on the
    /// current settings, as for REST and SOAP; false for a client that is not (or no longer) configured.
    /// </summary>
    Task<bool> MayUseIntakeAsync(string clientId);
}
