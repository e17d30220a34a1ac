using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace CommerceBus.OperatorConsole.Endpoints;

/// <summary>
/// The hub's HTTP connections as Kestrel itself counts them: its <c>kestrel.active_connections</c> and
/// <c>kestrel.rejected_connections</c> instruments (meter <c>Microsoft.AspNetCore.Server.Kestrel</c>), read with a
/// <see cref="MeterListener"/> and summed per local address and port.
/// </summary>
/// <remarks>
/// Kestrel's own count rather than a connection middleware of ours: it is the one count of the fact (a middleware would
/// be a second), it is tagged with the local address and port of every connection whatever configured the endpoint
/// (<c>Urls</c>, <c>Kestrel:Endpoints</c>, code), and nothing is added to a connection's path but a callback on open and
/// close. Only this hub's Kestrel is read (its meter comes from this hub's <see cref="IMeterFactory"/>): the tests run
/// many hubs in one process. Started as a hosted service, before the server (the web host starts last), so that no
/// connection is missed; Kestrel decides per connection whether to count it, so one opened before would not be counted
/// on close either.
/// </remarks>
public sealed class KestrelConnections(IMeterFactory meters) : IHostedService, IDisposable
{
    public const string MeterName = "Microsoft.AspNetCore.Server.Kestrel";
    public const string ActiveConnections = "kestrel.active_connections";
    public const string RejectedConnections = "kestrel.rejected_connections";

    private readonly ConcurrentDictionary<(string Address, int? Port), Counts> _counts = new();
    private MeterListener? _listener;
    private volatile bool _listening;

    /// <summary>Whether this hub's Kestrel publishes its connection count (false on another server, such as a test server).</summary>
    public bool IsCounting => _listening;

    /// <summary>The open and refused connections of the listener bound to <paramref name="serverAddress"/> (an address of <c>IServerAddressesFeature</c>).</summary>
    public (long Open, long Rejected) Of(string serverAddress)
    {
        long open = 0, rejected = 0;
        foreach (var (local, counts) in _counts)
        {
            if (ListenerAddress.Serves(serverAddress, local.Address, local.Port))
            {
                open += Interlocked.Read(ref counts.Open);
                rejected += Interlocked.Read(ref counts.Rejected);
            }
        }

        // A connection counted on close but not on open (a reader that enabled the instrument earlier) must not show as -1.
        return (Math.Max(0, open), rejected);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MeterName && ReferenceEquals(instrument.Meter.Scope, meters)
                    && instrument.Name is ActiveConnections or RejectedConnections)
                {
                    l.EnableMeasurementEvents(instrument);
                    _listening = true;
                }
            },
        };
        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.Start();
        _listener = listener;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener?.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? address = null;
        int? port = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "server.address":
                    address = tag.Value as string;
                    break;
                case "server.port":
                    port = tag.Value as int?;
                    break;
            }
        }

        var counts = _counts.GetOrAdd((address ?? "", port), _ => new Counts());
        if (instrument.Name == ActiveConnections)
        {
            Interlocked.Add(ref counts.Open, value);
        }
        else
        {
            Interlocked.Add(ref counts.Rejected, value);
        }
    }

    private sealed class Counts
    {
        public long Open;
        public long Rejected;
    }
}
