using System.Text;
using CommerceBus.Security.WsSecurity;
using Xunit;

namespace CommerceBus.UnitTests.Security;

public sealed class UsernameTokenReaderTests
{
    private const string Wsse = WsSecurityDefaults.SecurityNamespace;
    private const string Wsu = WsSecurityDefaults.UtilityNamespace;

    [Fact]
    public void A_PasswordText_token_is_read_from_the_header_without_its_body()
    {
        var token = Read($"<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"{Wsse}\"><wsse:UsernameToken><wsse:Username> till-7 </wsse:Username>"
            + $"<wsse:Password Type=\"{WsSecurityDefaults.PasswordText}\">secret</wsse:Password></wsse:UsernameToken></wsse:Security>", body: "<broken");

        Assert.NotNull(token);
        Assert.Equal("till-7", token.Username);
        Assert.Equal("secret", token.Password);
        Assert.False(token.Digest);
    }

    [Fact]
    public void A_PasswordDigest_token_keeps_its_nonce_bytes_and_created_text()
    {
        var token = Read($"<wsse:Security xmlns:wsse=\"{Wsse}\" xmlns:wsu=\"{Wsu}\"><wsse:UsernameToken><wsse:Username>till</wsse:Username>"
            + $"<wsse:Password Type=\"{WsSecurityDefaults.PasswordDigest}\">ZGln</wsse:Password><wsse:Nonce>AQID</wsse:Nonce>"
            + "<wsu:Created>2026-12-01T10:00:00.000Z</wsu:Created></wsse:UsernameToken></wsse:Security>");

        Assert.NotNull(token);
        Assert.True(token.Digest);
        Assert.Equal(new byte[] { 1, 2, 3 }, token.Nonce);
        Assert.Equal("2026-12-01T10:00:00.000Z", token.Created);
    }

    [Fact]
    public void No_security_header_is_no_token_and_no_problem()
    {
        Assert.Null(Read("<x:Other xmlns:x=\"urn:x\"/>", out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("<wsse:BinarySecurityToken/>", "no wsse:UsernameToken")]
    [InlineData("<wsse:UsernameToken><wsse:Username>a</wsse:Username><wsse:Password Type=\"urn:other\">p</wsse:Password></wsse:UsernameToken>", "neither PasswordText nor PasswordDigest")]
    public void A_security_header_the_hub_cannot_use_is_a_problem_saying_why(string content, string why)
    {
        Assert.Null(Read($"<wsse:Security xmlns:wsse=\"{Wsse}\">{content}</wsse:Security>", out var problem));
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DTD_is_not_processed()
    {
        var xml = "<!DOCTYPE e [<!ENTITY x \"y\">]><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header/></s:Envelope>";

        Assert.Null(UsernameTokenReader.Read(Encoding.UTF8.GetBytes(xml), out var problem));
        Assert.Null(problem);
    }

    private static UsernameToken? Read(string header, string body = "<o:Ping xmlns:o=\"urn:o\"/>") => Read(header, out _, body);

    private static UsernameToken? Read(string header, out string? problem, string body = "<o:Ping xmlns:o=\"urn:o\"/>") =>
        UsernameTokenReader.Read(
            Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header>{header}</s:Header><s:Body>{body}"),
            out problem);
}
