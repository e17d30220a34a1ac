using System.Net;

namespace CommerceBus.Adapters.Tcp.Transport;

/// <summary>The peer allow-list of a listener: IP addresses and networks; an empty list allows everyone.</summary>
internal sealed class PeerFilter
{
    private readonly List<IPNetwork> _allowed;

    private PeerFilter(List<IPNetwork> allowed) => _allowed = allowed;

    public static bool TryParse(string entry, out IPNetwork network)
    {
        if (entry.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(entry, out network);
        }

        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        network = default;
        return false;
    }

    public static PeerFilter From(IEnumerable<string> entries) =>
        new([.. entries.Select(e => TryParse(e, out var network) ? network : throw new FormatException($"'{e}' is not an IP address or network"))]);

    public bool Allows(IPAddress? peer) =>
        _allowed.Count == 0 || (peer is not null && _allowed.Any(n => n.Contains(Normal(peer))));

    /// <summary>A dual-mode socket reports IPv4 peers as IPv4-mapped IPv6 addresses; the list is written in IPv4.</summary>
    public static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
