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

    [Fact]
    public void Hashed_keys_with_known_roles_pass()
    {
        var options = new SecurityOptions { ApiKeys = { ["shop"] = new ApiKeyClientOptions { Hash = ApiKeyHash.Of("k"), Roles = { "intake", "query" } } } };
        Assert.True(new SecurityOptionsValidator().Validate(null, options).Succeeded);
    }
}
