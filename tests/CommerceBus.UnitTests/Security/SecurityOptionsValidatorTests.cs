using CommerceBus.Security;
using CommerceBus.Security.ApiKeys;
using CommerceBus.Security.Hosting;
using Xunit;

namespace CommerceBus.UnitTests.Security;

public sealed class SecurityOptionsValidatorTests
{
    [Fact]
    public void A_plain_key_in_place_of_a_hash_an_unknown_role_and_a_host_name_as_proxy_are_each_named()
    {
        var options = new SecurityOptions
        {
            ApiKeys =
            {
                ["shop"] = new ApiKeyClientOptions { Hash = "my-secret-key", Roles = { "intake" } },
                ["ops"] = new ApiKeyClientOptions { Hash = ApiKeyHash.Of("k"), Roles = { "admin" } },
            },
            KnownProxies = { "proxy.internal" },
        };

        var result = new SecurityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("ApiKeys:shop:Hash", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("ApiKeys:ops:Roles", StringComparison.Ordinal) && f.Contains("admin", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("proxy.internal", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("fd00::/8", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("proxy.internal", false)]
    public void Known_proxies_are_addresses_or_networks(string proxy, bool valid)
    {
        var options = new SecurityOptions { KnownProxies = { proxy } };

        var result = new SecurityOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains(result.Failures!, f => f.Contains(proxy, StringComparison.Ordinal) && f.Contains("network", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Hashed_keys_with_known_roles_pass()
    {
        var options = new SecurityOptions { ApiKeys = { ["shop"] = new ApiKeyClientOptions { Hash = ApiKeyHash.Of("k"), Roles = { "intake", "query" } } } };
        Assert.True(new SecurityOptionsValidator().Validate(null, options).Succeeded);
    }
}
