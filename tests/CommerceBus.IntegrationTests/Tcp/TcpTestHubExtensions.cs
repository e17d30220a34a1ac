using System.Net;
using CommerceBus.Adapters.Tcp;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>Where a test hub's TCP listeners are (they listen on free ports) and how to talk to them.</summary>
public static class TcpTestHubExtensions
{
    public static TcpAdapter TcpAdapter(this TestHub hub) => hub.Services.GetRequiredService<TcpAdapter>();

    /// <summary>The IPv4 loopback end point of a listener.</summary>
    public static IPEndPoint TerminalEndPoint(this TestHub hub, string listener = TcpAdapterOptions.DefaultListener) =>
        hub.TcpAdapter().EndPointsOf(listener).First(e => e.Address.Equals(IPAddress.Loopback));

    public static Task<TerminalClient> ConnectTerminalAsync(this TestHub hub, string listener = TcpAdapterOptions.DefaultListener) =>
        TerminalClient.ConnectAsync(hub.TerminalEndPoint(listener));

    /// <summary>The bytes of a copy of a contracts/wire/examples file (test assets are copied, never read from contracts/).</summary>
    public static byte[] Asset(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Assets", name));
}
