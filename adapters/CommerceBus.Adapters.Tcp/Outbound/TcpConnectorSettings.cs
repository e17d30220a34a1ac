using System.Globalization;
using CommerceBus.Adapters.Tcp.Framing;
using CommerceBus.Adapters.Tcp.Layouts;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Adapters.Tcp.Outbound;

/// <summary>
/// The settings of one <c>tcp</c> endpoint (configuration <c>CommerceBus:Endpoints:{name}</c>), read once at start-up;
/// a missing or unusable one throws <see cref="InvalidOperationException"/> naming it, which fails the start.
/// </summary>
internal sealed record TcpConnectorSettings(
    string Host,
    int Port,
    TimeSpan Timeout,
    TimeSpan ConnectTimeout,
    TimeSpan WriteTimeout,
    int MaxConnections,
    string Layout,
    TcpFraming Framing,
    int LengthPrefixBytes,
    int MaxRecordBytes)
{
    public static TcpConnectorSettings Parse(IConfigurationSection section)
    {
        var host = section["Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new InvalidOperationException("Host is missing (the endpoint's host name or IP address)");
        }

        var framing = section["Framing"] is { Length: > 0 } f
            ? Enum.TryParse<TcpFraming>(f, ignoreCase: true, out var parsed) ? parsed : throw new InvalidOperationException($"Framing '{f}' must be Lf or LengthPrefixed")
            : TcpFraming.Lf;
        return new(
            host,
            Int(section, "Port", null, 1, 65535),
            TimeSpan.FromSeconds(Int(section, "TimeoutSeconds", 10, 1, 3600)),
            TimeSpan.FromSeconds(Int(section, "ConnectTimeoutSeconds", 5, 1, 3600)),
            TimeSpan.FromSeconds(Int(section, "WriteTimeoutSeconds", 10, 1, 3600)),
            Int(section, "MaxConnections", 2, 1, 64),
            section["Layout"] is { Length: > 0 } layout ? layout : BuiltInLayouts.LegacyShipping,
            framing,
            Int(section, "LengthPrefixBytes", 4, 2, 4) is var prefix && prefix is 2 or 4 ? prefix : throw new InvalidOperationException("LengthPrefixBytes must be 2 or 4"),
            Int(section, "MaxRecordBytes", 4096, 16, 1024 * 1024));
    }

    private static int Int(IConfigurationSection section, string key, int? fallback, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback ?? throw new InvalidOperationException($"{key} is missing ({min}-{max})");
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{key} must be a whole number from {min} to {max} (was '{text}')");
    }
}
