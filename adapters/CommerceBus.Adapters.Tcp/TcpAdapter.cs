using System.Net;
using System.Net.Sockets;
using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.Tcp.Layouts;
using CommerceBus.Adapters.Tcp.Terminals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.Tcp;

/// <summary>
/// The raw TCP adapter of <c>contracts/wire/legacy-tcp.md</c>: store terminals send ORD, CAN and STA records over
/// long-lived connections and get ACK, STS or NAK replies in request order. Each configured listener has its own port,
/// framing, codec and record layouts.
/// </summary>
/// <remarks>
/// <paramref name="certificates"/> names the client of a terminal's TLS client certificate (the hub's security module
/// registers it); without it, or for a certificate that is no client's, records carry no client id.
/// </remarks>
public sealed class TcpAdapter(
    IOptions<TcpAdapterOptions> options,
    IInboundGateway hub,
    ILoggerFactory loggers,
    ICertificateClients? certificates = null) : IInboundAdapter, IListeningAdapter
{
    public const string AdapterName = "tcp";

    private readonly List<TerminalListener> _listeners = [];
    private readonly List<PeerRateLimiter> _limiters = [];

    public string Name => AdapterName;

    public AdapterCapabilities Capabilities { get; } = new()
    {
        Direction = AdapterDirection.Inbound,
        RequestReply = true,
        SupportsCancel = true,
        SupportsStatusQuery = true,
        MaxMessageBytes = options.Value.Listeners.Values.Where(l => l.Enabled).Select(l => l.MaxRecordBytes).DefaultIfEmpty(0).Max(),
    };

    /// <summary>Where a running listener accepts connections (with port 0 configured, the port it was given).</summary>
    public IReadOnlyList<IPEndPoint> EndPointsOf(string listener) =>
        Find(listener)?.EndPoints ?? throw new ArgumentException($"No TCP listener '{listener}' is running.", nameof(listener));

    /// <summary>Open connections of a running listener, and how many were refused at its limit.</summary>
    public (int Open, long Refused) ConnectionsOf(string listener) =>
        Find(listener) is { } found ? (found.OpenConnections, found.RefusedConnections) : throw new ArgumentException($"No TCP listener '{listener}' is running.", nameof(listener));

    public IReadOnlyList<ListenerStatus> Listeners =>
        [.. _listeners.ToList().Select(l => new ListenerStatus(l.Name, [.. l.EndPoints.Select(e => e.ToString())], l.OpenConnections, l.RefusedConnections))];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var (name, listener) in settings.Listeners.Where(l => l.Value.Enabled))
        {
            ITerminalCodec codec = listener.Codec == TcpCodec.JsonLines
                ? new JsonLinesTerminalCodec()
                : new FixedWidthTerminalCodec(new LayoutSet(listener.Layout, settings.Layouts[listener.Layout]));
            var limiter = listener.RateLimit.PermitLimit > 0 ? new PeerRateLimiter(listener.RateLimit) : null;
            if (limiter is not null)
            {
                _limiters.Add(limiter);
            }

            var handler = new TerminalConnectionHandler(name, listener, codec,
                new TerminalResponder(hub, loggers.CreateLogger<TerminalResponder>()), limiter, certificates, loggers.CreateLogger<TerminalConnectionHandler>());
            var started = new TerminalListener(name, listener, handler, loggers.CreateLogger<TerminalListener>());
            try
            {
                started.Start();
            }
            catch (SocketException ex)
            {
                await StopAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"CommerceBus:Adapters:Tcp:Listeners:{name} cannot listen on {listener.Address}:{listener.Port}: {ex.Message}", ex);
            }

            _listeners.Add(started);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_listeners.Select(l => l.StopAsync(cancellationToken)));
        _listeners.Clear();
        _limiters.ForEach(l => l.Dispose());
        _limiters.Clear();
    }

    private TerminalListener? Find(string listener) =>
        _listeners.FirstOrDefault(l => string.Equals(l.Name, listener, StringComparison.OrdinalIgnoreCase));
}
