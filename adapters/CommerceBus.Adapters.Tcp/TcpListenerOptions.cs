using CommerceBus.Adapters.Tcp.Framing;
using CommerceBus.Adapters.Tcp.Layouts;

namespace CommerceBus.Adapters.Tcp;

/// <summary>One TCP listener of the adapter (configuration <c>CommerceBus:Adapters:Tcp:Listeners:{name}</c>).</summary>
public sealed class TcpListenerOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>localhost</c> (both loopback addresses), <c>any</c> (every interface, IPv4 and IPv6), or an IP address.</summary>
    public string Address { get; set; } = "localhost";

    /// <summary>The port; 0 picks a free one (tests), which <see cref="TcpAdapter.EndPointsOf"/> then reports.</summary>
    public int Port { get; set; } = 5090;

    public TcpFraming Framing { get; set; } = TcpFraming.Lf;

    public TcpCodec Codec { get; set; } = TcpCodec.FixedWidth;

    /// <summary>The record layout set of a <see cref="TcpCodec.FixedWidth"/> listener (a key of <c>Tcp:Layouts</c>).</summary>
    public string Layout { get; set; } = BuiltInLayouts.LegacyTerminal;

    /// <summary>The longest record, terminator excluded; a longer one is answered <c>E005</c> and skipped.</summary>
    public int MaxRecordBytes { get; set; } = 4096;

    /// <summary>The size of the length prefix of <see cref="TcpFraming.LengthPrefixed"/> records: 2 or 4 bytes.</summary>
    public int LengthPrefixBytes { get; set; } = 4;

    /// <summary>TLS on this listener (<c>SslStream</c>), with optional client certificates; off by default.</summary>
    public TcpTlsOptions Tls { get; init; } = new();

    /// <summary>The peers allowed to connect: IP addresses and networks (<c>10.1.0.0/16</c>); empty: any. Others are closed at once.</summary>
    public List<string> AllowedPeers { get; init; } = [];

    /// <summary>Open connections from one peer address at most (0: no cap beyond <see cref="MaxConnections"/>).</summary>
    public int MaxConnectionsPerPeer { get; set; }

    /// <summary>Records one peer address may send per window, over all its connections; off by default (answered <c>E999</c> beyond it).</summary>
    public TcpRateLimitOptions RateLimit { get; init; } = new();

    /// <summary>Open connections at most; a connection beyond the limit is closed at once, before anything is read.</summary>
    public int MaxConnections { get; set; } = 200;

    /// <summary>A connection on which nothing arrives for this long is closed (terminals may be silent for minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A record that has begun must be complete within this time, or the connection is closed (slow senders).</summary>
    public TimeSpan RecordTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A reply the client does not take within this time closes the connection (clients that never read).</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Records read ahead of their replies on one connection; beyond it the listener stops reading.</summary>
    public int MaxPipelinedRequests { get; set; } = 16;

    /// <summary>Received bytes buffered per connection beyond one maximal record; when full, the listener stops receiving.</summary>
    public int InputBufferBytes { get; set; } = 64 * 1024;

    /// <summary>Reply bytes buffered per connection; when full, the listener stops answering (and so reading).</summary>
    public int OutputBufferBytes { get; set; } = 64 * 1024;
}
