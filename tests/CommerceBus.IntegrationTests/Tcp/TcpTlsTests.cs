using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.Conformance;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// The terminal listener over TLS (a certificate file, <c>SslStream</c>), with and without client certificates, the
/// client a pinned certificate is in the journal, and the peer allow-list and per-peer connection cap, on the real hub
/// with a real TLS client.
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
    public async Task A_terminal_certificate_pinned_as_a_client_is_that_client_in_the_journal_of_its_orders_and_cancels()
    {
        using var server = TlsTerminal.Certificate("hub");
        using var till = TlsTerminal.Certificate("store-17-till-2");
        using var unmapped = TlsTerminal.Certificate("store-17-till-3");
        var tillThumbprint = till.GetCertHashString(HashAlgorithmName.SHA256);
        await using var hub = await StartAsync(server, new Dictionary<string, string?>
        {
            // The listener admits both terminals; only the till's certificate is a client of the hub (as on HTTPS).
            [Listener + "Tls:ClientCertificate"] = "Require",
            [Listener + "Tls:AllowedClientThumbprints:0"] = tillThumbprint,
            [Listener + "Tls:AllowedClientThumbprints:1"] = unmapped.GetCertHashString(HashAlgorithmName.SHA256),
            ["CommerceBus:Security:Certificates:store-17:Thumbprint"] = tillThumbprint,
            ["CommerceBus:Security:Certificates:store-17:Roles:0"] = "intake",

            // A plain listener beside it: a terminal there names no client.
            ["CommerceBus:Adapters:Tcp:Listeners:plain:Port"] = "0",
        });
        var byTill = Orders.Valid();
        var byUnmapped = Orders.Valid();
        var overPlain = Orders.Valid();

        var placed = await TlsTerminal.AskAsync(hub.TerminalEndPoint(), server, till, TerminalRecords.Ord(byTill));
        var cancelled = await TlsTerminal.AskAsync(hub.TerminalEndPoint(), server, till, TerminalRecords.Can(byTill.OrderNumber!, "customer changed mind"));
        var placedUnmapped = await TlsTerminal.AskAsync(hub.TerminalEndPoint(), server, unmapped, TerminalRecords.Ord(byUnmapped));
        await using var plain = await hub.ConnectTerminalAsync("plain");
        var placedPlain = await plain.AskAsync(TerminalRecords.Ord(overPlain));

        Assert.StartsWith("ACK", placed, StringComparison.Ordinal);
        Assert.NotNull(cancelled);  // ACK, or a conflict if the demo flow finished first: journaled either way
        Assert.StartsWith("ACK", placedUnmapped, StringComparison.Ordinal);
        Assert.StartsWith("ACK", placedPlain, StringComparison.Ordinal);

        // Journaled before the terminal got its answer, so there now.
        var place = CanonicalTypes.VersionedNameOf(typeof(PlaceOrder));
        var cancel = CanonicalTypes.VersionedNameOf(typeof(CancelOrder));
        var sent = await hub.JournalAsync(j => j.Where(e => e.Direction == JournalDirection.Inbound && e.SourceAdapter == "tcp"
            && (e.MessageType == place || e.MessageType == cancel)));
        Assert.Equal(new string?[] { "store-17", "store-17" }, ClientsOf(sent, byTill.OrderNumber!, place, cancel));
        Assert.Equal(new string?[] { null }, ClientsOf(sent, byUnmapped.OrderNumber!, place));
        Assert.Equal(new string?[] { null }, ClientsOf(sent, overPlain.OrderNumber!, place));
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

    /// <summary>The client ids the journal has for the order's messages of each type, in the order of the types given.</summary>
    private static string?[] ClientsOf(List<JournalEntry> journal, string orderNumber, params string[] messageTypes) =>
        [.. messageTypes.SelectMany(type => journal.Where(e => e.OrderNumber == orderNumber && e.MessageType == type).Select(e => e.ClientId))];

    private static Task<TestHub> StartAsync(X509Certificate2 server, Dictionary<string, string?> settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        settings[Listener + "Tls:CertificatePath"] = TlsTerminal.WritePfx(server, directory);
        settings[Listener + "Tls:CertificatePassword"] = "pfx-password";
        return TestHub.StartAsync(settings, dataDirectory: directory);
    }
}
