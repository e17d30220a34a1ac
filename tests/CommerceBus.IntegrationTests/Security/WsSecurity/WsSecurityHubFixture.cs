using System.Security.Cryptography.X509Certificates;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Tcp;
using CommerceBus.Security;

namespace CommerceBus.IntegrationTests.Security.WsSecurity;

/// <summary>
/// A keyed hub on HTTP and HTTPS (Kestrel endpoints, a certificate made for the test) with SOAP clients: one sending
/// PasswordText, one with a digest secret file for PasswordDigest, one without the intake role.
/// </summary>
public sealed class WsSecurityHubFixture : Xunit.IAsyncLifetime
{
    public const string OrderEntry = "order-entry";
    public const string Till = "till";
    public const string Reporting = "reporting";

    public X509Certificate2 Server { get; } = TlsTerminal.Certificate("hub");

    public TestHub Hub { get; private set; } = null!;

    public Uri Http { get; private set; } = null!;

    public Uri Https { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);

        // The till's key as an operator mounts it (a secret file, with the newline editors add); only its hash is a setting.
        var secretFile = Path.Combine(directory, "till.key");
        await File.WriteAllTextAsync(secretFile, TestClients.KeyOf(Till) + "\n");
        var settings = TestClients.Settings(
            (OrderEntry, [SecurityRoles.Intake]),
            (Till, [SecurityRoles.Intake]),
            (Reporting, [SecurityRoles.Query]));
        settings[$"CommerceBus:Security:ApiKeys:{Till}:DigestSecretFile"] = secretFile;
        var http = TestHub.FreeTcpPort();
        var https = TestHub.FreeTcpPort();
        settings["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{http}";
        settings["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{https}";
        settings["Kestrel:Endpoints:Https:Certificate:Path"] = TlsTerminal.WritePfx(Server, directory);
        settings["Kestrel:Endpoints:Https:Certificate:Password"] = "pfx-password";
        Hub = await TestHub.StartAsync(settings, dataDirectory: directory);
        Http = new Uri($"http://127.0.0.1:{http}");
        Https = new Uri($"https://localhost:{https}");
    }

    public async Task DisposeAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }

        Server.Dispose();
    }
}
