using CommerceBus.Security.ApiKeys;
using Xunit;

namespace CommerceBus.UnitTests.Security;

public sealed class ApiKeyHashTests
{
    [Fact]
    public void A_key_hashes_to_what_sha256sum_prints_behind_the_prefix()
    {
        // printf %s 'secret' | sha256sum
        Assert.Equal("sha256:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", ApiKeyHash.Of("secret"));
    }

    [Theory]
    [InlineData("sha256:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", true)]
    [InlineData("sha256:2BB80D537B1DA3E38BD30361AA855686BDE0EACD7162FEF6A25FE97BF527A25B", false)]
    [InlineData("2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", false)]
    [InlineData("sha256:secret", false)]
    [InlineData("", false)]
    public void Only_the_prefixed_lowercase_hex_form_is_well_formed(string hash, bool wellFormed) =>
        Assert.Equal(wellFormed, ApiKeyHash.IsWellFormed(hash));
}
