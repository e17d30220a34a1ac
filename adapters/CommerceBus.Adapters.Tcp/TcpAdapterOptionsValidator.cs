using System.Net;
using CommerceBus.Adapters.Tcp.Framing;
using CommerceBus.Adapters.Tcp.Layouts;
using CommerceBus.Adapters.Tcp.Terminals;
using CommerceBus.Adapters.Tcp.Transport;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.Tcp;

/// <summary>Checks the adapter's listeners and layouts at start-up; every problem names its configuration setting.</summary>
internal sealed class TcpAdapterOptionsValidator : IValidateOptions<TcpAdapterOptions>
{
    private const string Root = "CommerceBus:Adapters:Tcp";

    public ValidateOptionsResult Validate(string? name, TcpAdapterOptions options)
    {
        var problems = options.Layouts.SelectMany(l => LayoutValidator.Validate($"{Root}:Layouts:{l.Key}", l.Value)).ToList();
        var enabled = options.Listeners.Where(l => l.Value.Enabled).ToList();
        foreach (var (listener, settings) in enabled)
        {
            problems.AddRange(Listener($"{Root}:Listeners:{listener}", settings, options));
        }

        problems.AddRange(enabled
            .Where(l => l.Value.Port != 0)
            .GroupBy(l => (l.Value.Port, Address: l.Value.Address.ToUpperInvariant()))
            .Where(g => g.Count() > 1)
            .Select(g => $"{Root}:Listeners: {string.Join(" and ", g.Select(l => l.Key))} both listen on port {g.Key.Port}"));

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Listener(string path, TcpListenerOptions listener, TcpAdapterOptions options)
    {
        if (!ListenAddresses.TryParse(listener.Address, out _))
        {
            yield return $"{path}:Address '{listener.Address}' must be localhost, any, or an IP address";
        }

        if (listener.Port is < 0 or > IPEndPoint.MaxPort)
        {
            yield return $"{path}:Port must be 0-{IPEndPoint.MaxPort} (was {listener.Port})";
        }

        if (listener.MaxRecordBytes is < 16 or > 1024 * 1024)
        {
            yield return $"{path}:MaxRecordBytes must be 16-1048576 (was {listener.MaxRecordBytes})";
        }

        if (listener.Framing == TcpFraming.LengthPrefixed && listener.LengthPrefixBytes is not (2 or 4))
        {
            yield return $"{path}:LengthPrefixBytes must be 2 or 4 (was {listener.LengthPrefixBytes})";
        }

        if (listener.Framing == TcpFraming.LengthPrefixed && listener.LengthPrefixBytes == 2 && listener.MaxRecordBytes > ushort.MaxValue)
        {
            yield return $"{path}:MaxRecordBytes cannot exceed {ushort.MaxValue} with a 2-byte length prefix";
        }

        if (listener.MaxConnections < 1 || listener.MaxPipelinedRequests < 1)
        {
            yield return $"{path}: MaxConnections and MaxPipelinedRequests must be at least 1";
        }

        if (listener.InputBufferBytes < 1024 || listener.OutputBufferBytes < 1024)
        {
            yield return $"{path}: InputBufferBytes and OutputBufferBytes must be at least 1024";
        }

        if (listener.IdleTimeout <= TimeSpan.Zero || listener.RecordTimeout <= TimeSpan.Zero || listener.WriteTimeout <= TimeSpan.Zero)
        {
            yield return $"{path}: IdleTimeout, RecordTimeout and WriteTimeout must be positive";
        }

        foreach (var peer in listener.AllowedPeers.Where(p => !PeerFilter.TryParse(p, out _)))
        {
            yield return $"{path}:AllowedPeers holds '{peer}', which is not an IP address or network (10.1.0.0/16)";
        }

        if (listener.RateLimit.PermitLimit < 0 || listener.RateLimit.Window <= TimeSpan.Zero)
        {
            yield return $"{path}:RateLimit needs a PermitLimit of 0 (off) or more and a positive Window";
        }

        if (listener.MaxConnectionsPerPeer < 0)
        {
            yield return $"{path}:MaxConnectionsPerPeer must be 0 (no cap) or more";
        }

        if (!listener.Tls.Enabled && (listener.Tls.ClientCertificate != TcpClientCertificateMode.None || listener.Tls.AllowedClientThumbprints.Count > 0))
        {
            yield return $"{path}:Tls:ClientCertificate and AllowedClientThumbprints need TLS: set {path}:Tls:CertificatePath";
        }

        if (listener.Tls.HandshakeTimeout <= TimeSpan.Zero)
        {
            yield return $"{path}:Tls:HandshakeTimeout must be positive";
        }

        if (listener.Codec == TcpCodec.FixedWidth)
        {
            foreach (var problem in Layout(path, listener, options))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> Layout(string path, TcpListenerOptions listener, TcpAdapterOptions options)
    {
        if (!options.Layouts.TryGetValue(listener.Layout, out var set))
        {
            yield return $"{path}:Layout '{listener.Layout}' is not a layout set (known: {string.Join(", ", options.Layouts.Keys)})";
            yield break;
        }

        var messages = set.Records.Values.Select(r => r.Message).ToList();
        foreach (var reply in TerminalMessages.Replies)
        {
            var count = messages.Count(m => string.Equals(m, reply, StringComparison.OrdinalIgnoreCase));
            if (count != 1)
            {
                yield return $"{path}:Layout '{listener.Layout}' must have exactly one record with Message {reply} (has {count})";
            }
        }

        if (!messages.Any(m => TerminalMessages.Requests.Contains(m, StringComparer.OrdinalIgnoreCase)))
        {
            yield return $"{path}:Layout '{listener.Layout}' has no request record ({string.Join(", ", TerminalMessages.Requests)})";
        }

        var longest = set.Records.Values.Max(r => r.Length + (r.Group is { } g ? g.MaxCount * g.ItemLength : 0));
        if (longest > listener.MaxRecordBytes)
        {
            yield return $"{path}:MaxRecordBytes {listener.MaxRecordBytes} is shorter than the longest record of layout '{listener.Layout}' ({longest})";
        }
    }
}
