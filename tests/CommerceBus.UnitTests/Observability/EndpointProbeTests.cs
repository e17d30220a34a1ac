using CommerceBus.Transports.RabbitMq;
using CommerceBus.Observability.Heartbeats;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CommerceBus.UnitTests.Observability;

/// <summary>Each connector's endpoint is probed the way its settings allow; one that cannot be probed is left out.</summary>
public sealed class EndpointProbeTests
{
    private static IConfigurationSection Endpoint(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Endpoints:e:{s.Key}", s.Value)))
            .Build()
            .GetSection("Endpoints:e");

    private static EndpointProbe? ProbeOf(IConfigurationSection endpoint, string? probePath = null) =>
        EndpointProbe.For(endpoint, probePath, new ReceiveEndpointWatch(TimeProvider.System), null, TimeSpan.FromSeconds(1));

    [Fact]
    public void Http_endpoint_is_probed_by_a_connect_to_its_host_and_port()
    {
        Assert.Equal("connect pay.example:8443", ProbeOf(Endpoint(("Connector", "http"), ("BaseUrl", "https://pay.example:8443/api/")))!.Description);
    }

    [Fact]
    public void Soap_endpoint_with_a_probe_path_is_probed_by_a_get_of_that_path()
    {
        var probe = ProbeOf(Endpoint(("Connector", "soap"), ("Address", "http://erp:5101/LegacyErp/BookingService")), "/health");
        Assert.Equal("GET http://erp:5101/health", probe!.Description);
    }

    [Fact]
    public void Tcp_endpoint_is_probed_by_a_connect_and_a_bus_endpoint_by_its_queue()
    {
        Assert.Equal("connect 10.0.0.5:5091", ProbeOf(Endpoint(("Connector", "tcp"), ("Host", "10.0.0.5"), ("Port", "5091")))!.Description);
        Assert.Equal("consumers of queue inventory", ProbeOf(Endpoint(("Connector", "bus"), ("Queue", "inventory")))!.Description);
    }

    [Fact]
    public void Endpoint_without_an_address_or_of_an_unknown_connector_is_not_probed()
    {
        Assert.Null(ProbeOf(Endpoint(("Connector", "http"))));
        Assert.Null(ProbeOf(Endpoint(("Connector", "carrier-pigeon"), ("Address", "http://x"))));
    }
}
