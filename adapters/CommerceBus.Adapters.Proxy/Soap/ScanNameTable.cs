using System.Xml;

namespace CommerceBus.Adapters.Proxy.Soap;

/// <summary>
/// The name table and parser context a scanner thread reuses from one request to the next, so that a scan does not
/// build a fresh <see cref="NameTable"/> (the reader's well-known names, then every element name as a new string) per
/// request. A table only grows by names that appeared in scanned bytes, so it is dropped for a new one after it has
/// seen <see cref="MaxBytesPerTable"/> bytes: a hostile client sending endless distinct names costs at most that much
/// per thread.
/// </summary>
/// <remarks>
/// Thread-static is safe because a scan is synchronous from <see cref="XmlReader.Create(System.IO.Stream, XmlReaderSettings, XmlParserContext)"/>
/// to its verdict: no other request runs on the thread in between, and nothing of the table escapes except the
/// routing value, a string that stays valid on its own.
/// </remarks>
internal static class ScanNameTable
{
    /// <summary>How many scanned bytes a table serves before it is replaced.</summary>
    public const int MaxBytesPerTable = 1 << 20;

    [ThreadStatic]
    private static XmlParserContext? _context;

    [ThreadStatic]
    private static long _bytes;

    /// <summary>The thread's parser context (its name table) for scanning <paramref name="bytes"/> more bytes.</summary>
    public static XmlParserContext For(int bytes)
    {
        _bytes += bytes;
        if (_context is null || _bytes > MaxBytesPerTable)
        {
            _context = new XmlParserContext(new NameTable(), null, null, XmlSpace.None);
            _bytes = bytes;
        }

        return _context;
    }
}
