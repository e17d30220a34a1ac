using System.Xml;
using System.Xml.Linq;

namespace CommerceBus.Security.WsSecurity;

/// <summary>
/// Finds the <c>wsse:UsernameToken</c> in a SOAP envelope's header, reading no further than the header: the body is
/// left to the SOAP adapter, which screens it once the caller is known.
/// </summary>
/// <remarks>Pure: bytes in, a token (or why there is none usable) out. DTDs are refused as the SOAP screen refuses them.</remarks>
public static class UsernameTokenReader
{
    private static readonly XNamespace Wsse = WsSecurityDefaults.SecurityNamespace;
    private static readonly XNamespace Wsu = WsSecurityDefaults.UtilityNamespace;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = WsSecurityDefaults.MaxHeaderBytes * 2,
    };

    /// <summary>The token, or null with <paramref name="problem"/> null when the envelope has no security header at all.</summary>
    public static UsernameToken? Read(ReadOnlyMemory<byte> start, out string? problem)
    {
        problem = null;
        XElement? header;
        try
        {
            header = HeaderOf(start);
        }
        catch (XmlException)
        {
            // Not XML, or a header longer than what was read: the SOAP screen answers a broken envelope with its own fault.
            return null;
        }

        var security = header?.Elements(Wsse + "Security").FirstOrDefault();
        if (security is null)
        {
            return null;
        }

        var token = security.Elements(Wsse + "UsernameToken").FirstOrDefault();
        var username = token?.Element(Wsse + "Username")?.Value.Trim();
        var password = token?.Element(Wsse + "Password");
        if (token is null || string.IsNullOrEmpty(username) || password is null)
        {
            problem = "The wsse:Security header holds no wsse:UsernameToken with a Username and a Password; the hub takes the UsernameToken profile only.";
            return null;
        }

        var type = (string?)password.Attribute("Type") ?? WsSecurityDefaults.PasswordText;
        if (type is not (WsSecurityDefaults.PasswordText or WsSecurityDefaults.PasswordDigest))
        {
            problem = $"The password type '{type}' is neither PasswordText nor PasswordDigest of the UsernameToken profile 1.0.";
            return null;
        }

        return new UsernameToken(
            username,
            password.Value.Trim(),
            type == WsSecurityDefaults.PasswordDigest,
            NonceOf(token.Element(Wsse + "Nonce")),
            token.Element(Wsu + "Created")?.Value.Trim());
    }

    private static XElement? HeaderOf(ReadOnlyMemory<byte> start)
    {
        using var stream = new MemoryStream(start.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, Settings);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Envelope" || reader.IsEmptyElement)
        {
            return null;
        }

        var envelope = reader.NamespaceURI;
        reader.Read();
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Header" || reader.NamespaceURI != envelope)
        {
            return null;
        }

        return (XElement)XNode.ReadFrom(reader);
    }

    private static byte[]? NonceOf(XElement? nonce)
    {
        if (nonce is null)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(nonce.Value.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
