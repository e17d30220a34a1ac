using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Tcp;
using CommerceBus.Security;
using Xunit;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>
/// The hub on an HTTPS endpoint (Kestrel, a certificate made for the test) with clients known by their certificates
/// (mTLS): REST over TLS, a pinned certificate mapped to its client and roles, anything else refused.
/// </summary>
public sealed class ClientCertificateTests
{
    [Fact]
    public async Task Over_HTTPS_a_pinned_client_certificate_is_its_client_with_its_roles_and_others_are_refused()
    {
        using var server = TlsTerminal.Certificate("hub");
        using var till = TlsTerminal.Certificate("store-till");
        using var operations = TlsTerminal.Certificate("ops-console");
        using var stranger = TlsTerminal.Certificate("ops-console");
        var port = TestHub.FreeTcpPort();
        var directory = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            // The HTTPS endpoint as the README's "Running in production" configures it: a certificate file Kestrel loads.
            ["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{port}",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = TlsTerminal.WritePfx(server, directory),
            ["Kestrel:Endpoints:Https:Certificate:Password"] = "pfx-password",
            ["CommerceBus:Security:Certificates:till:Thumbprint"] = till.GetCertHashString(HashAlgorithmName.SHA256),
            ["CommerceBus:Security:Certificates:till:Roles:0"] = SecurityRoles.Intake,
            ["CommerceBus:Security:Certificates:ops:Thumbprint"] = Colons(operations.GetCertHashString(HashAlgorithmName.SHA256)),
            ["CommerceBus:Security:Certificates:ops:Roles:0"] = SecurityRoles.Operator,
        };
        await using var hub = await TestHub.StartAsync(settings, dataDirectory: directory);
        var address = new Uri($"https://localhost:{port}");

        using var asTill = Client(address, server, till);
        using var asOps = Client(address, server, operations);
        using var asStranger = Client(address, server, stranger);
        using var anonymous = Client(address, server, null);

        using var placed = await asTill.PostAsJsonAsync("/api/orders", Orders.Valid(), CanonicalJson.Options);
        using var tillOnOperatorApi = await asTill.GetAsync("/api/failed-messages");
        using var opsOnOperatorApi = await asOps.GetAsync("/api/failed-messages");
        using var strangerOnOperatorApi = await asStranger.GetAsync("/api/failed-messages");
        using var nobody = await anonymous.GetAsync("/api/failed-messages");

        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tillOnOperatorApi.StatusCode);
        Assert.Contains("till", await tillOnOperatorApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, opsOnOperatorApi.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, strangerOnOperatorApi.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
    }

    private static string Colons(string hex) => string.Join(':', hex.Chunk(2).Select(c => new string(c)));

    private static HttpClient Client(Uri address, X509Certificate2 server, X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },

                // The hub does not list a self-signed client certificate's issuer as acceptable, so it is offered explicitly.
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == server.GetCertHashString(),
            },
        };
        return new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }
}
