using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// The terminal listener over TLS (a certificate file, <c>SslStream</c>), with and without client certificates, and its
/// peer allow-list and per-peer connection cap, on the real hub with a real TLS client.
/// </summary>
public sealed class TcpTlsTests
{
    private const string Listener = "CommerceBus:Adapters:Tcp:Listeners:terminals:";
    private const string Status = "STAA-1003      ";

    [Fact]
    public async Task A_TLS_listener_answers_a_terminal_over_TLS_and_not_one_in_clear()
    {
        using var server = TlsTerminal.Certificate("hub");
        await using var hub = await StartAsync(server, new Dictionary<string, string?>());

        var overTls = await TlsTerminal.AskAsync(hub.TerminalEndPoint(), server, null, Status);
        await using var clear = await hub.ConnectTerminalAsync();
        await clear.SendRecordsAsync(Status);
        var inClear = await clear.TryReadReplyAsync();

        Assert.NotNull(overTls);
        Assert.StartsWith("NAK", overTls, StringComparison.Ordinal);  // order A-1003 is not known: an answer of the protocol, over TLS
        Assert.Null(inClear);
    }

    [Fact]
    public async Task A_required_client_certificate_admits_the_pinned_terminal_only()
    {
        using var server = TlsTerminal.Certificate("hub");
        using var pinned = TlsTerminal.Certificate("store-17-till-2");
        using var stranger = TlsTerminal.Certificate("store-17-till-2");
        await using var hub = await StartAsync(server, new Dictionary<string, string?>
        {
            [Listener + "Tls:ClientCertificate"] = "Require",
            [Listener + "Tls:AllowedClientThumbprints:0"] = pinned.GetCertHashString(HashAlgorithmName.SHA256),
        });

        var withPinned = await TlsTerminal.AskAsync(hub.TerminalEndPoint(), server, pinned, Status);
        var withStranger = await TlsTerminal.AskAsync(hub.TerminalEndPoint(), server, stranger, Status);
        var without = await TlsTerminal.AskAsync(hub.TerminalEndPoint(), server, null, Status);

        Assert.NotNull(withPinned);
        Assert.Null(withStranger);
        Assert.Null(without);
    }

    [Fact]
    public async Task A_peer_outside_the_allow_list_is_disconnected_before_anything_is_read()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { [Listener + "AllowedPeers:0"] = "10.0.0.0/8" });
        await using var terminal = await hub.ConnectTerminalAsync();
        await terminal.SendRecordsAsync(Status);

        Assert.Null(await terminal.TryReadReplyAsync());
    }

    [Fact]
    public async Task A_peer_at_its_connection_cap_is_refused_another_until_one_closes()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { [Listener + "MaxConnectionsPerPeer"] = "1" });
        var first = await hub.ConnectTerminalAsync();
        Assert.NotNull(await first.AskAsync(Status));

        await using (var second = await hub.ConnectTerminalAsync())
        {
            await second.SendRecordsAsync(Status);
            Assert.Null(await second.TryReadReplyAsync());
        }

        Assert.NotNull(await first.AskAsync(Status));
        await first.DisposeAsync();
        var again = await Eventually.MatchAsync(
            async () =>
            {
                await using var third = await hub.ConnectTerminalAsync();
                await third.SendRecordsAsync(Status);
                return await third.TryReadReplyAsync();
            },
            reply => reply is not null,
            "a new connection once the first has closed");
        Assert.StartsWith("NAK", again, StringComparison.Ordinal);
    }

    private static Task<TestHub> StartAsync(X509Certificate2 server, Dictionary<string, string?> settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        settings[Listener + "Tls:CertificatePath"] = TlsTerminal.WritePfx(server, directory);
        settings[Listener + "Tls:CertificatePassword"] = "pfx-password";
        return TestHub.StartAsync(settings, dataDirectory: directory);
    }
}
