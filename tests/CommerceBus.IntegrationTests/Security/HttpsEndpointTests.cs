using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Tcp;
using CommerceBus.Security;
using Xunit;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>
/// The HTTPS endpoint as the README's "Running in production" configures it (<c>Kestrel:Endpoints:Https</c>, a
/// certificate file): a replaced certificate file is served from the next handshake on, without a restart, and answers
/// to a non-loopback host name carry HSTS while answers to <c>localhost</c> do not.
/// </summary>
public sealed class HttpsEndpointTests
{
    [Fact]
    public async Task A_replaced_certificate_file_is_served_from_the_next_handshake_on()
    {
        using var first = TlsTerminal.Certificate("hub-2026");
        using var renewed = TlsTerminal.Certificate("hub-2027");
        var (hub, port, file) = await StartAsync(first);
        await using (hub)
        {
            Assert.Equal(first.GetCertHashString(), await PresentedAsync(port));

            // As a renewal tool does: write the new file beside it and move it over the old one.
            var next = file + ".new";
            await File.WriteAllBytesAsync(next, renewed.Export(X509ContentType.Pfx, "pfx-password"));
            File.Move(next, file, overwrite: true);

            // Kestrel loads the new file by rebinding the endpoint: for that moment nothing listens on the port, and a
            // handshake tried then is refused (as a client would see it, and retry).
            var presented = await Eventually.MatchAsync(
                () => PresentedOrRefusedAsync(port),
                thumbprint => thumbprint == renewed.GetCertHashString(),
                "the hub to present the renewed certificate after its file was replaced (Kestrel watches the file)");
            Assert.Equal(renewed.GetCertHashString(), presented);
        }
    }

    [Fact]
    public async Task Answers_over_HTTPS_to_a_host_name_carry_HSTS_and_answers_to_localhost_do_not()
    {
        using var certificate = TlsTerminal.Certificate("hub");
        var (hub, port, _) = await StartAsync(certificate);
        await using (hub)
        {
            using var http = new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() },
            }) { Timeout = TimeSpan.FromSeconds(60) };

            using var named = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{port}/health/live") { Headers = { Host = "hub.example.com" } });
            using var local = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{port}/health/live") { Headers = { Host = "localhost" } });

            Assert.Equal(HttpStatusCode.OK, named.StatusCode);
            Assert.True(named.Headers.Contains("Strict-Transport-Security"), "an HTTPS answer to hub.example.com should carry Strict-Transport-Security");
            Assert.Equal(HttpStatusCode.OK, local.StatusCode);
            Assert.False(local.Headers.Contains("Strict-Transport-Security"), "HSTS must not be sent to localhost (a browser would pin it for every local app)");
        }
    }

    private static async Task<(TestHub Hub, int Port, string File)> StartAsync(X509Certificate2 certificate)
    {
        var directory = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = TestHub.FreeTcpPort();
        var file = TlsTerminal.WritePfx(certificate, directory);
        var settings = TestClients.Settings(("ops", [SecurityRoles.Operator]));
        settings["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{port}";
        settings["Kestrel:Endpoints:Https:Certificate:Path"] = file;
        settings["Kestrel:Endpoints:Https:Certificate:Password"] = "pfx-password";
        settings["AllowedHosts"] = "*";
        return (await TestHub.StartAsync(settings, dataDirectory: directory), port, file);
    }

    /// <summary>The presented thumbprint, or null while the endpoint is being rebound (the connection refused).</summary>
    private static async Task<string?> PresentedOrRefusedAsync(int port)
    {
        try
        {
            return await PresentedAsync(port);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return null;
        }
    }

    /// <summary>The thumbprint of the certificate the hub presents in a new TLS handshake.</summary>
    private static async Task<string?> PresentedAsync(int port)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
        string? presented = null;
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate?.GetCertHashString();
                return true;
            },
        }, deadline.Token);
        return presented;
    }
}
