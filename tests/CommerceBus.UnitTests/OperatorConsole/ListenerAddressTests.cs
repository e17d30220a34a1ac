using CommerceBus.OperatorConsole.Endpoints;
using Xunit;

namespace CommerceBus.UnitTests.OperatorConsole;

public sealed class ListenerAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1", 5080, true)]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1", 5081, false)]
    [InlineData("http://127.0.0.1:5080", "10.0.0.7", 5080, false)]
    [InlineData("http://localhost:5080", "127.0.0.1", 5080, true)]
    [InlineData("http://localhost:5080", "::1", 5080, true)]
    [InlineData("http://localhost:5080", "10.0.0.7", 5080, false)]
    [InlineData("http://[::]:8080", "10.0.0.7", 8080, true)]
    [InlineData("http://[::]:8080", "::ffff:10.0.0.7", 8080, true)]
    [InlineData("http://0.0.0.0:8080", "10.0.0.7", 8080, true)]
    [InlineData("http://[::1]:8080", "::1", 8080, true)]
    [InlineData("http://[::1]:8080", "127.0.0.1", 8080, false)]
    [InlineData("https://hub.example:443", "10.0.0.7", 443, true)]
    [InlineData("http://10.0.0.7:80", "::ffff:10.0.0.7", 80, true)]
    [InlineData("http://unix:/run/hub.sock", "/run/hub.sock", null, true)]
    [InlineData("http://unix:/run/hub.sock", "/run/other.sock", null, false)]
    [InlineData("not an address", "127.0.0.1", 5080, false)]
    public void A_connection_belongs_to_the_listener_bound_to_its_local_address_and_port(string serverAddress, string local, int? port, bool expected)
    {
        Assert.Equal(expected, ListenerAddress.Serves(serverAddress, local, port));
    }
}
