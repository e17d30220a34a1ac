using CommerceBus.Adapters.Proxy;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Proxy;

public sealed class ProxyOptionsValidatorTests
{
    [Theory]
    [InlineData("5F:3A:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD", true)]
    [InlineData("5f3a00112233445566778899aabbccddeeff00112233445566778899aabbccdd", true)]
    [InlineData("5F3A0011", false)]
    [InlineData("not-a-thumbprint-not-a-thumbprint-not-a-thumbprint-not-a-thumbpr", false)]
    public void A_trusted_destination_thumbprint_must_be_SHA_256_hex(string thumbprint, bool valid)
    {
        var options = new ProxyAdapterOptions { TrustedDestinationThumbprints = { thumbprint } };

        var result = new ProxyOptionsValidator().Validate(null, options);

        Assert.Equal(!valid, result.Failed);
        if (!valid)
        {
            Assert.Contains(result.Failures!, f => f.Contains("TrustedDestinationThumbprints:0", StringComparison.Ordinal));
        }
    }
}
