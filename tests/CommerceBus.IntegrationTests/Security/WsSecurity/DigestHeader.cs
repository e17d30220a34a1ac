using System.Security.Cryptography;
using System.ServiceModel.Channels;
using System.Text;
using System.Xml;

namespace CommerceBus.IntegrationTests.Security.WsSecurity;

/// <summary>
/// A <c>wsse:Security</c> header with a PasswordDigest UsernameToken, <c>mustUnderstand="1"</c>, built by hand as the
/// UsernameToken profile 1.0 defines it: Base64(SHA-1(nonce + created + password)). WCF on .NET does not emit digests,
/// so the test adds this header to an otherwise plain WCF call.
/// </summary>
public sealed class DigestHeader(string client, string secret, byte[] nonce, string created) : MessageHeader
{
    public const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    public override string Name => "Security";

    public override string Namespace => Wsse;

    public override bool MustUnderstand => true;

    public static DigestHeader Fresh(string client, string secret, DateTimeOffset created) =>
        new(client, secret, RandomNumberGenerator.GetBytes(16), created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));

    public static string Digest(byte[] nonce, string created, string secret) =>
        Convert.ToBase64String(SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(created), .. Encoding.UTF8.GetBytes(secret)]));

    protected override void OnWriteHeaderContents(XmlDictionaryWriter writer, MessageVersion messageVersion)
    {
        writer.WriteStartElement("wsse", "UsernameToken", Wsse);
        writer.WriteElementString("wsse", "Username", Wsse, client);
        writer.WriteStartElement("wsse", "Password", Wsse);
        writer.WriteAttributeString("Type", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest");
        writer.WriteString(Digest(nonce, created, secret));
        writer.WriteEndElement();
        writer.WriteStartElement("wsse", "Nonce", Wsse);
        writer.WriteAttributeString("EncodingType", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary");
        writer.WriteString(Convert.ToBase64String(nonce));
        writer.WriteEndElement();
        writer.WriteElementString("wsu", "Created", Wsu, created);
        writer.WriteEndElement();
    }
}
