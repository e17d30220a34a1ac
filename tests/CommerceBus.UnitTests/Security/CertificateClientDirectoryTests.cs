using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.Security;
using CommerceBus.Security.Certificates;
using Microsoft.Extensions.Options;
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
        var options = new SecurityOptions
        {
            Certificates =
            {
                ["till"] = new CertificateClientOptions { Thumbprint = string.Join(':', hex.Chunk(2).Select(c => new string(c))).ToLowerInvariant() },
                ["scanner"] = new CertificateClientOptions { Thumbprint = scanner.GetCertHashString(HashAlgorithmName.SHA256) },
            },
        };
        var directory = new CertificateClientDirectory(new StaticMonitor(options));

        Assert.Equal("till", directory.ClientOf(till));
        Assert.Equal("scanner", directory.ClientOf(scanner));
        Assert.Null(directory.ClientOf(stranger));
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create();
        return new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private sealed class StaticMonitor(SecurityOptions value) : IOptionsMonitor<SecurityOptions>
    {
        public SecurityOptions CurrentValue => value;

        public SecurityOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SecurityOptions, string?> listener) => null;
    }
}
