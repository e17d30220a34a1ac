using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Proxy;
using CommerceBus.IntegrationTests.Tcp;
using CommerceBus.Security;
using CommerceBus.Security.ApiKeys;
using Xunit;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>
/// The HTTP pass-through proxy on the hub's HTTPS endpoint (<c>Kestrel:Endpoints:Https</c>, a certificate file), in
/// front of real services: an operator's request over TLS is forwarded to an http service and to an https one whose
/// self-signed certificate is pinned in <c>CommerceBus:Proxy:TrustedDestinationThumbprints</c>; an https service with
/// any other certificate is never reached, and a caller without a key is refused.
/// </summary>
public sealed class ProxyOverHttpsTests
{
    private const string Routes = "CommerceBus:Proxy:Routes:";
    private const string Ops = "ops";

    [Fact]
    public async Task Over_HTTPS_a_route_forwards_to_an_http_and_a_pinned_https_destination_and_never_to_an_unpinned_one()
    {
        using var hubCertificate = TlsTerminal.Certificate("hub");
        using var pinnedCertificate = TlsTerminal.Certificate("erp-internal");
        using var strangerCertificate = TlsTerminal.Certificate("erp-internal");
        await using var plain = await EchoBackend.StartAsync("plain");
        await using var pinned = await EchoBackend.StartAsync("pinned", pinnedCertificate);
        await using var stranger = await EchoBackend.StartAsync("stranger", strangerCertificate);

        var directory = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = TestHub.FreeTcpPort();
        var settings = TestClients.Settings((Ops, [SecurityRoles.Operator]));
        settings["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{port}";
        settings["Kestrel:Endpoints:Https:Certificate:Path"] = TlsTerminal.WritePfx(hubCertificate, directory);
        settings["Kestrel:Endpoints:Https:Certificate:Password"] = "pfx-password";
        foreach (var backend in new[] { plain, pinned, stranger })
        {
            settings[Routes + backend.Name + ":PathPrefix"] = "/px/" + backend.Name;
            settings[Routes + backend.Name + ":Destination"] = new Uri(backend.Address, "/svc").ToString();
        }

        // Trusted by configuration, that one certificate only: the proxy's check is not turned off.
        settings["CommerceBus:Proxy:TrustedDestinationThumbprints:0"] = pinnedCertificate.GetCertHashString(HashAlgorithmName.SHA256);
        await using var hub = await TestHub.StartAsync(settings, dataDirectory: directory);
        using var asOps = Client(port, hubCertificate, TestClients.KeyOf(Ops));
        using var anonymous = Client(port, hubCertificate, null);

        using var toPlain = await asOps.PostAsync("/px/plain/quote?n=1", Json("{\"n\":1}"));
        using var toPinned = await asOps.PostAsync("/px/pinned/quote?n=2", Json("{\"n\":2}"));
        using var toStranger = await asOps.PostAsync("/px/stranger/quote?n=3", Json("{\"n\":3}"));
        using var nobody = await anonymous.GetAsync("/px/plain/quote?n=4");

        Assert.Equal(HttpStatusCode.OK, toPlain.StatusCode);
        Assert.Equal("plain", Assert.Single(toPlain.Headers.GetValues("X-Backend")));
        Assert.Equal("{\"n\":1}", await toPlain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, toPinned.StatusCode);
        Assert.Equal("pinned", Assert.Single(toPinned.Headers.GetValues("X-Backend")));
        Assert.Equal("{\"n\":2}", await toPinned.Content.ReadAsStringAsync());
        Assert.Equal("/svc/quote?n=2", Assert.Single(pinned.Received).PathAndQuery);

        // YARP's answer when the destination's TLS handshake fails: the unpinned self-signed certificate is refused.
        Assert.Equal(HttpStatusCode.BadGateway, toStranger.StatusCode);
        Assert.Empty(stranger.Received);

        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Equal("/svc/quote?n=1", Assert.Single(plain.Received).PathAndQuery);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A client of the hub's HTTPS endpoint trusting only <paramref name="server"/>, presenting <paramref name="key"/> when given.</summary>
    private static HttpClient Client(int port, X509Certificate2 server, string? key)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == server.GetCertHashString() },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add(ApiKeyDefaults.Header, key);
        }

        return http;
    }
}
