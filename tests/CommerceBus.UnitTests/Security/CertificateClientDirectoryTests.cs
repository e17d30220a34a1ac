using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Security.Certificates;
using CommerceBus.Security.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.UnitTests.Security;

public sealed class CertificateClientDirectoryTests
{
    [Fact]
    public void A_certificate_is_the_client_its_thumbprint_is_pinned_to_written_with_or_without_colons_and_others_are_nobody()
    {
        using var till = SelfSigned("till");
        using var scanner = SelfSigned("scanner");
        using var stranger = SelfSigned("till");
        var hex = till.GetCertHashString(HashAlgorithmName.SHA256);
        using var services = Services(new Dictionary<string, string?>
        {
            ["CommerceBus:Security:Certificates:till:Thumbprint"] = string.Join(':', hex.Chunk(2).Select(c => new string(c))).ToLowerInvariant(),
            ["CommerceBus:Security:Certificates:scanner:Thumbprint"] = scanner.GetCertHashString(HashAlgorithmName.SHA256),
        });
        var directory = services.GetRequiredService<CertificateClientDirectory>();

        Assert.Equal("till", directory.ClientOf(till));
        Assert.Equal("scanner", directory.ClientOf(scanner));
        Assert.Null(directory.ClientOf(stranger));
    }

    [Fact]
    public async Task A_certificate_client_may_use_the_intake_with_the_intake_role_only_and_an_unknown_client_never()
    {
        using var services = Services(new Dictionary<string, string?>
        {
            ["CommerceBus:Security:Certificates:till:Thumbprint"] = new string('A', 64),
            ["CommerceBus:Security:Certificates:till:Roles:0"] = "intake",
            ["CommerceBus:Security:Certificates:reporting:Thumbprint"] = new string('B', 64),
            ["CommerceBus:Security:Certificates:reporting:Roles:0"] = "query",
            ["CommerceBus:Security:Certificates:reporting:Roles:1"] = "operator",
        });
        var directory = services.GetRequiredService<ICertificateClients>();

        Assert.True(directory.CredentialsConfigured);
        Assert.True(await directory.MayUseIntakeAsync("till"), "a client with the role intake must be allowed the intake policy");
        Assert.False(await directory.MayUseIntakeAsync("reporting"), "roles other than intake (even operator) must not meet the intake policy");
        Assert.False(await directory.MayUseIntakeAsync("nobody"), "a client that is not configured must not be allowed anything");
    }

    [Fact]
    public void Without_credentials_the_directory_says_none_are_configured()
    {
        using var services = Services(new Dictionary<string, string?>());

        Assert.False(services.GetRequiredService<ICertificateClients>().CredentialsConfigured);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCommerceBusSecurity(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create();
        return new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
