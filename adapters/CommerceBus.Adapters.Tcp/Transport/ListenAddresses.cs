using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace CommerceBus.Adapters.Tcp.Transport;

/// <summary>Reads a listener's <c>Address</c> setting: <c>localhost</c>, <c>any</c>, or an IP address.</summary>
internal static class ListenAddresses
{
    public static bool TryParse(string? address, [NotNullWhen(true)] out IReadOnlyList<IPAddress>? addresses)
    {
        addresses = address?.Trim().ToUpperInvariant() switch
        {
            "LOCALHOST" => [IPAddress.Loopback, IPAddress.IPv6Loopback],
            "ANY" or "*" => [IPAddress.IPv6Any],
            _ => IPAddress.TryParse(address, out var ip) ? [ip] : null,
        };
        return addresses is not null;
    }
}
