using System.Net;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.OperatorConsole.Endpoints;

/// <summary>Which listener of the HTTP server a connection came in on: its local address against the addresses the server is bound to.</summary>
internal static class ListenerAddress
{
    /// <summary>
    /// Whether a connection with local <paramref name="address"/> and <paramref name="port"/> (as Kestrel tags it:
    /// an IP address and port, or a Unix socket's path and no port) came in on the listener bound to
    /// <paramref name="serverAddress"/> (<c>http://127.0.0.1:5080</c>, <c>http://localhost:5080</c>, <c>http://[::]:80</c>,
    /// <c>http://unix:/run/hub.sock</c>).
    /// </summary>
    public static bool Serves(string serverAddress, string address, int? port)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(serverAddress);
        }
        catch (FormatException)
        {
            return false;
        }

        if (binding.IsUnixPipe)
        {
            return port is null && address == binding.UnixPipePath;
        }

        if (port != binding.Port || !IPAddress.TryParse(address, out var local))
        {
            return false;
        }

        local = local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local;
        if (string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.IsLoopback(local);
        }

        // Kestrel binds a host name other than localhost (and *, +) to every address.
        if (!IPAddress.TryParse(binding.Host.Trim('[', ']'), out var bound))
        {
            return true;
        }

        bound = bound.IsIPv4MappedToIPv6 ? bound.MapToIPv4() : bound;
        return bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any) || bound.Equals(local);
    }
}
