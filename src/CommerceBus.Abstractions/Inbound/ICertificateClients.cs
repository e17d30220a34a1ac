using System.Security.Cryptography.X509Certificates;

namespace CommerceBus.Abstractions.Inbound;

/// <summary>
/// The hub's clients known by their certificates (mTLS), for an adapter that takes certificates outside ASP.NET Core's
/// authentication, such as a TCP listener's TLS handshake: the same mapping the hub's HTTPS endpoints use.
/// </summary>
public interface ICertificateClients
{
    /// <summary>The id of the client <paramref name="certificate"/> is pinned to; null when it is no client's.</summary>
    string? ClientOf(X509Certificate certificate);
}
