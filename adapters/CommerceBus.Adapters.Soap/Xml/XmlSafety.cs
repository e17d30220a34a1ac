using System.Text;
using System.Xml;

namespace CommerceBus.Adapters.Soap.Xml;

/// <summary>Reader settings that make hostile XML harmless, and the check that tells a DTD from other malformed XML.</summary>
/// <remarks>
/// SoapCore's own reader parses DTDs and expands internal entities, so nothing with a DTD may reach it. SOAP forbids
/// DTDs anyway (SOAP 1.2 part 1, 5: "MUST NOT contain a Document Type Declaration").
/// </remarks>
internal static class XmlSafety
{
    private static readonly byte[][] Doctype =
    [
        Encoding.UTF8.GetBytes("<!DOCTYPE"),
        Encoding.Unicode.GetBytes("<!DOCTYPE"),
        Encoding.BigEndianUnicode.GetBytes("<!DOCTYPE"),
    ];

    /// <summary>No DTD (so no entity declarations, internal or external) and nothing resolved from outside.</summary>
    public static XmlReaderSettings ReaderSettings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>
    /// How deep elements may nest. The deepest OrderService message is 7 levels (Envelope/Body/PlaceOrder/Order/Lines/
    /// OrderLine/Sku); building a tree of a much deeper document takes time that grows with the square of its depth
    /// (seconds for a 200 KiB body), so a deeper one is refused while streaming, before any tree is built.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>True when an element of the document is nested deeper than <see cref="MaxDepth"/>; malformed XML is left to the parser to report.</summary>
    public static bool TooDeep(ReadOnlyMemory<byte> document)
    {
        try
        {
            using var stream = new MemoryStream(document.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            while (reader.Read())
            {
                if (reader.Depth > MaxDepth)
                {
                    return true;
                }
            }
        }
        catch (XmlException)
        {
            // Reported, with its position, by the parse that follows.
        }

        return false;
    }

    public static bool HasDoctype(ReadOnlySpan<byte> document)
    {
        foreach (var pattern in Doctype)
        {
            if (document.IndexOf(pattern) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
