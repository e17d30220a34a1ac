using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.Hosting;

/// <summary>
/// Refuses to start a hub that would serve anonymous callers from the network: with no credentials configured, every
/// HTTP address the server bound and every TCP listener must be loopback (unless it requires client certificates),
/// or the start fails naming the setting
/// (as Redis and Elasticsearch do in their protected modes).
/// </summary>
/// <remarks>
/// Checked once the server has bound, on the addresses it really listens on, whatever configured them. With credentials
/// configured, the TCP adapter checks its own listeners (every one must require client certificates; terminal records
/// carry no credential), at start-up with its other options.
/// </remarks>
internal sealed class ProtectedModeStartupCheck(
    IServer server,
    IConfiguration configuration,
    IOptions<SecurityOptions> options,
    ILogger<ProtectedModeStartupCheck> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.HasCredentials)
        {
            return Task.CompletedTask;
        }

        var exposed = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Where(a => !IsLoopback(BindingAddress.Parse(a).Host))
            .Select(a => $"{a} (Urls, ASPNETCORE_URLS or Kestrel:Endpoints)")
            .Concat(configuration.GetSection("CommerceBus:Adapters:Tcp:Listeners").GetChildren()
                .Where(l => l["Address"] is { Length: > 0 } address && !IsLoopback(address)
                    && l["Enabled"] is not "false" && !RequiresClientCertificates(l))
                .Select(l => $"tcp://{l["Address"]}:{l["Port"]} (CommerceBus:Adapters:Tcp:Listeners:{l.Key}:Address)"))
            .ToList();
        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"CommerceBus refuses to start: it would listen on {string.Join(", ", exposed)} with no credentials configured, "
                + "so anyone on the network could place orders and act as an operator. Configure clients under "
                + "CommerceBus:Security:ApiKeys (or an issuer under CommerceBus:Security:Jwt:Authority), "
                + "or listen on localhost only. See README.md, \"Running in production\".");
        }

        SecurityLog.ProtectedModeOn(logger);
        return Task.CompletedTask;
    }

    /// <summary>A TCP listener that admits only terminals with accepted certificates has credentials of its own.</summary>
    private static bool RequiresClientCertificates(IConfigurationSection listener) =>
        string.Equals(listener["Tls:ClientCertificate"], "Require", StringComparison.OrdinalIgnoreCase);

    internal static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
