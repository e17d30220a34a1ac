using System.Net.Sockets;
using CommerceBus.Transports.RabbitMq;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Observability.Heartbeats;

/// <summary>
/// How one configured business endpoint is probed, from its connector settings: HTTP and SOAP endpoints by a TCP
/// connect to their host (or a GET of a configured probe path), TCP endpoints by a connect, bus endpoints by whether
/// their queue has a consumer.
/// </summary>
internal abstract class EndpointProbe
{
    /// <summary>What is probed, for the readiness detail (e.g. <c>connect 127.0.0.1:5091</c>).</summary>
    public abstract string Description { get; }

    /// <summary>Probes once; returns null when the endpoint answered, else why not.</summary>
    public abstract Task<string?> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>The probe for <paramref name="endpoint"/> (a child of <c>CommerceBus:Endpoints</c>), or null when its connector cannot be probed.</summary>
    public static EndpointProbe? For(IConfigurationSection endpoint, string? probePath, ReceiveEndpointWatch busEndpoints, string? brokerConnectionString, TimeSpan timeout)
    {
        switch (endpoint["Connector"]?.ToLowerInvariant())
        {
            case "http":
            case "soap":
                var address = endpoint["BaseUrl"] ?? endpoint["Address"];
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
                {
                    return null;
                }

                return probePath is { Length: > 0 } ? new HttpGetProbe(new Uri(uri, probePath)) : new ConnectProbe(uri.Host, uri.Port);
            case "tcp":
                return int.TryParse(endpoint["Port"], out var port) && endpoint["Host"] is { Length: > 0 } host ? new ConnectProbe(host, port) : null;
            case "bus":
                return new QueueConsumerProbeAdapter(endpoint["Queue"] ?? endpoint.Key, busEndpoints, brokerConnectionString, timeout);
            default:
                return null;
        }
    }

    private sealed class ConnectProbe(string host, int port) : EndpointProbe
    {
        public override string Description => $"connect {host}:{port}";

        public override async Task<string?> ProbeAsync(CancellationToken cancellationToken)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(host, port, cancellationToken);
                return null;
            }
            catch (SocketException ex)
            {
                return $"connect {host}:{port} failed: {ex.SocketErrorCode}";
            }
        }
    }

    private sealed class HttpGetProbe(Uri uri) : EndpointProbe
    {
        private static readonly HttpClient Client = new() { Timeout = Timeout.InfiniteTimeSpan };

        public override string Description => $"GET {uri}";

        public override async Task<string?> ProbeAsync(CancellationToken cancellationToken)
        {
            try
            {
                using var response = await Client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                return (int)response.StatusCode < 500 ? null : $"GET {uri} answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                return $"GET {uri} failed: {ex.Message}";
            }
        }
    }

    /// <summary>On RabbitMQ asks the broker for the queue's consumers; on the in-memory bus asks whether the hub's own endpoint for the queue is ready.</summary>
    private sealed class QueueConsumerProbeAdapter(string queue, ReceiveEndpointWatch busEndpoints, string? brokerConnectionString, TimeSpan timeout) : EndpointProbe
    {
        public override string Description => $"consumers of queue {queue}";

        public override async Task<string?> ProbeAsync(CancellationToken cancellationToken)
        {
            if (brokerConnectionString is null)
            {
                var local = busEndpoints.Endpoints.FirstOrDefault(e => string.Equals(e.Queue, queue, StringComparison.OrdinalIgnoreCase));
                return local is { State.IsReady: true } ? null : $"no receive endpoint consumes queue {queue}";
            }

            await using var probe = new QueueConsumerProbe(brokerConnectionString, timeout);
            return await probe.ConsumerCountAsync(queue, cancellationToken) switch
            {
                null => $"the broker could not be asked about queue {queue} (away, or the queue does not exist)",
                0 => $"queue {queue} has no consumer",
                _ => null,
            };
        }
    }
}
