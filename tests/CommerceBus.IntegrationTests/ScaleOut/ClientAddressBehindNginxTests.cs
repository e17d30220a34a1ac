using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CommerceBus.IntegrationTests.ScaleOut;

/// <summary>
/// The hub behind the deploy guide's nginx site learns the client's address from nginx's <c>X-Forwarded-For</c>, because
/// nginx's address is in <c>CommerceBus:Security:KnownProxies</c> (here as a network, <c>127.0.0.1/32</c>); the same header
/// from anybody else is ignored. Clients connect from other loopback addresses (127.0.0.2, 127.0.0.3) so that the three
/// parties are told apart on one machine; the hub's refusal log (event 8700) names the address it believed.
/// </summary>
public sealed class ClientAddressBehindNginxTests
{
    [NginxFact]
    public async Task Hub_behind_nginx_sees_the_client_address_and_ignores_forwarded_headers_from_anyone_else()
    {
        var log = new RefusalLog();
        await using var hub = await TestHub.StartAsync(
            new Dictionary<string, string?>(TestClients.Settings(TestClients.AllRoles())) 
            {
                ["CommerceBus:Security:KnownProxies:0"] = "127.0.0.1/32",
                ["Logging:LogLevel:CommerceBus.Security"] = "Information",
            },
            configureServices: s => s.AddSingleton<ILoggerProvider>(log),
            environment: "Test");
        await using var nginx = await NginxServer.StartAsync([hub.BaseAddress.Port], [TestHub.FreeTcpPort()]);

        // Through nginx from 127.0.0.2, with a forged header of the client's own: nginx replaces it with the client's address.
        using (var viaNginx = ClientFrom(IPAddress.Parse("127.0.0.2"), nginx.HttpAddress))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/failed-messages");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            using var response = await viaNginx.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // Straight to the hub from 127.0.0.3, not a known proxy: its X-Forwarded-For is not believed.
        using (var direct = ClientFrom(IPAddress.Parse("127.0.0.3"), hub.BaseAddress))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/failed-messages");
            request.Headers.Add("X-Forwarded-For", "198.51.100.4");
            using var response = await direct.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var remotes = await Eventually.MatchAsync(
            () => Task.FromResult(log.Remotes.ToList()),
            r => r.Count >= 2,
            $"the hub to log its two refusals (event 8700; nginx's log: {nginx.ErrorLog})");
        Assert.Equal(["127.0.0.2", "127.0.0.3"], remotes.Order(StringComparer.Ordinal));
    }

    /// <summary>An HTTP client whose connections leave from <paramref name="local"/>, a loopback address of its own.</summary>
    private static HttpClient ClientFrom(IPAddress local, Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The remote address of every refusal the hub logs (SecurityLog.Refused, event 8700).</summary>
    private sealed class RefusalLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Remotes { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 8700 && state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "Remote").Value is string remote)
            {
                Remotes.Enqueue(remote);
            }
        }

        public void Dispose()
        {
        }
    }
}
