using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.Conformance;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// Who may use the terminal listener of a hub with credentials configured (#17): the client a terminal's certificate is
/// pinned to needs the role <c>intake</c>, a listener that takes terminals without a certificate stops the start, on the
/// real hub with a real TLS client.
/// </summary>
public sealed class TcpAccessTests
{
    private const string Listener = "CommerceBus:Adapters:Tcp:Listeners:terminals:";

    [Fact]
    public async Task A_terminal_whose_client_lacks_intake_or_that_is_no_client_gets_a_NAK_for_every_record_and_no_order_is_made()
    {
        using var server = TlsTerminal.Certificate("hub");
        using var till = TlsTerminal.Certificate("store-17-till-2");
        using var reporting = TlsTerminal.Certificate("reporting");
        using var unmapped = TlsTerminal.Certificate("store-17-till-3");
        var log = new RefusalLog();
        await using var hub = await StartAsync(server, new Dictionary<string, string?>
        {
            // The listener admits all three; the hub knows the till (intake) and the reporting client (every role but intake).
            [Listener + "Tls:ClientCertificate"] = "Require",
            [Listener + "Tls:AllowedClientThumbprints:0"] = Thumbprint(till),
            [Listener + "Tls:AllowedClientThumbprints:1"] = Thumbprint(reporting),
            [Listener + "Tls:AllowedClientThumbprints:2"] = Thumbprint(unmapped),
            ["CommerceBus:Security:Certificates:store-17:Thumbprint"] = Thumbprint(till),
            ["CommerceBus:Security:Certificates:store-17:Roles:0"] = "intake",
            ["CommerceBus:Security:Certificates:reporting:Thumbprint"] = Thumbprint(reporting),
            ["CommerceBus:Security:Certificates:reporting:Roles:0"] = "query",
            ["CommerceBus:Security:Certificates:reporting:Roles:1"] = "pii",
            ["CommerceBus:Security:Certificates:reporting:Roles:2"] = "operator",
        }, log);
        var refusedOrder = Orders.Valid();
        var secondRefused = Orders.Valid();
        var unmappedOrder = Orders.Valid();
        var placedOrder = Orders.Valid();

        // Pipelined on one connection: every record is answered, so the connection stays usable after a refusal.
        var byReporting = await TlsTerminal.AskAllAsync(hub.TerminalEndPoint(), server, reporting,
            TerminalRecords.Ord(refusedOrder), TerminalRecords.Can(refusedOrder.OrderNumber!, "changed mind"),
            TerminalRecords.Sta(refusedOrder.OrderNumber!), TerminalRecords.Ord(secondRefused));
        var byUnmapped = await TlsTerminal.AskAllAsync(hub.TerminalEndPoint(), server, unmapped, TerminalRecords.Ord(unmappedOrder));
        var byTill = await TlsTerminal.AskAllAsync(hub.TerminalEndPoint(), server, till,
            TerminalRecords.Ord(placedOrder), TerminalRecords.Sta(refusedOrder.OrderNumber!), TerminalRecords.Sta(unmappedOrder.OrderNumber!));

        Assert.Equal(4, byReporting.Count);
        Assert.All(byReporting, reply => AssertForbidden(reply, "client 'reporting' lacks the role intake"));
        Assert.Equal([refusedOrder.OrderNumber, refusedOrder.OrderNumber, refusedOrder.OrderNumber, secondRefused.OrderNumber],
            byReporting.Select(TerminalRecords.OrderNumberOf));
        AssertForbidden(Assert.Single(byUnmapped), "the terminal's certificate is no client of the hub");

        Assert.Equal(3, byTill.Count);
        Assert.StartsWith("ACK", byTill[0], StringComparison.Ordinal);
        Assert.Equal("E004", TerminalRecords.CodeOf(byTill[1]));  // the refused order was never made
        Assert.Equal("E004", TerminalRecords.CodeOf(byTill[2]));

        // Refused records never reached the hub: nothing in the journal; the till's order is there, as its client.
        var refusedNumbers = new[] { refusedOrder.OrderNumber, secondRefused.OrderNumber, unmappedOrder.OrderNumber };
        Assert.Empty(await hub.JournalAsync(j => j.Where(e => refusedNumbers.Contains(e.OrderNumber))));
        var placed = await hub.JournalAsync(j => j.Where(e => e.Direction == JournalDirection.Inbound && e.SourceAdapter == "tcp"
            && e.OrderNumber == placedOrder.OrderNumber));
        Assert.Equal(["store-17"], placed.Select(e => e.ClientId));

        // ...and each refusal is logged with the client it came from (event 8720), none dropped silently.
        var refusals = await Eventually.MatchAsync(
            () => Task.FromResult(log.Clients.ToList()),
            r => r.Count >= 5,
            "the hub to log its five refusals (event 8720)");
        Assert.Equal(["(none)", "reporting", "reporting", "reporting", "reporting"], refusals.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("None")]
    [InlineData("Allow")]
    public async Task With_credentials_configured_a_listener_that_does_not_require_client_certificates_stops_the_start(string mode)
    {
        using var server = TlsTerminal.Certificate("hub");
        var settings = new Dictionary<string, string?>(TestClients.Settings(TestClients.AllRoles()))
        {
            [Listener + "Enabled"] = "true",
        };
        if (mode == "Allow")
        {
            settings[Listener + "Tls:ClientCertificate"] = "Allow";
        }

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => mode == "None"
            ? TestHub.StartAsync(settings)
            : StartAsync(server, settings, null));

        Assert.Contains(Listener + "Tls:ClientCertificate to Require", refused.Message, StringComparison.Ordinal);
        Assert.Contains(Listener + "Enabled=false", refused.Message, StringComparison.Ordinal);
    }

    private static void AssertForbidden(string reply, string why)
    {
        Assert.StartsWith("NAK", reply, StringComparison.Ordinal);
        Assert.Equal("E003", TerminalRecords.CodeOf(reply));
        Assert.Equal("forbidden: " + why, TerminalRecords.ReasonOf(reply));
    }

    private static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static Task<TestHub> StartAsync(X509Certificate2 server, Dictionary<string, string?> settings, RefusalLog? log)
    {
        var directory = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        settings[Listener + "Tls:CertificatePath"] = TlsTerminal.WritePfx(server, directory);
        settings[Listener + "Tls:CertificatePassword"] = "pfx-password";
        return TestHub.StartAsync(settings, dataDirectory: directory,
            configureServices: log is null ? null : s => s.AddSingleton<ILoggerProvider>(log));
    }

    /// <summary>The client of every record the TCP adapter refuses for its sender (event 8720).</summary>
    private sealed class RefusalLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Clients { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 8720 && state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "Client").Value is string client)
            {
                Clients.Enqueue(client);
            }
        }

        public void Dispose()
        {
        }
    }
}
