using System.Text;
using System.Xml;

namespace CommerceBus.Adapters.Soap.Screening;

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
