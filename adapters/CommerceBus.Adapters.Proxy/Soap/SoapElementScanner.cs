using System.Xml;
using CommerceBus.Adapters.Proxy.Streaming;

namespace CommerceBus.Adapters.Proxy.Soap;

/// <summary>
/// Finds the text of one element of a SOAP envelope by reading only as far as that element: the rest of the body is
/// never read here (the caller forwards the consumed prefix and then the rest). Malformed XML before the element, a DTD,
/// or nesting deeper than allowed end the scan as <see cref="SoapScanOutcome.Malformed"/>.
/// </summary>
/// <remarks>
/// The body is read asynchronously into the recording (up to <see cref="FirstChunkBytes"/> at first, then up to twice
/// what is recorded, or what the client has sent so far), and each time the recorded prefix is parsed synchronously
/// from its start. A prefix that ends before the scan could decide is read further and parsed again. Routing values
/// sit near the start of a SOAP message, so one parse of the first read is the common case; the synchronous reader
/// allocates a sixth of what the asynchronous one did per request and has no per-node async overhead.
/// </remarks>
internal static class SoapElementScanner
{
    /// <summary>The first chunk parsed: the routing element of a SOAP request is nearly always within it.</summary>
    public const int FirstChunkBytes = 4096;

    /// <summary>
    /// After the first parse, how many new bytes a body that arrives in small pieces must bring before the prefix is
    /// parsed again: a client sending a byte at a time costs a parse per kilobyte, not per byte.
    /// </summary>
    public const int RescanBytes = 1024;

    public static async Task<SoapScanResult> FindAsync(RecordingStream body, SoapSection section, SoapPath path, int maxDepth, CancellationToken cancellationToken)
    {
        var target = FirstChunkBytes;
        var enough = 1;
        while (true)
        {
            await body.FillAsync(target, enough, cancellationToken).ConfigureAwait(false);
            if (body.LimitReached)
            {
                // The caller refuses it: the element was not within the bytes a route may buffer.
                return SoapScanResult.NotFound;
            }

            if (Scan(body.Recorded, body.Complete, section, path, maxDepth) is { } result)
            {
                return result;
            }

            target = Math.Max(target, body.Recorded.Length * 2);
            enough = RescanBytes;
        }
    }

    /// <summary>Parses the recorded prefix; null when it ends before the scan could decide and the body goes on.</summary>
    private static SoapScanResult? Scan(ReadOnlyMemory<byte> prefix, bool complete, SoapSection section, SoapPath path, int maxDepth)
    {
        var bytes = new RecordedBytesStream(prefix);
        try
        {
            // The thread's name table, and a stream that tells its length, so the reader sizes its buffers to the
            // prefix (a 1 KB request: 1 KB of bytes and 2 KB of chars, not 4 KB and 8 KB).
            using var reader = XmlReader.Create(bytes, SoapXml.ScanSettings, ScanNameTable.For(prefix.Length));
            // A verdict reached without an error is final: a prefix cut short makes the reader throw, never end quietly.
            return Scan(reader, section, path, maxDepth);
        }
        catch (XmlException e)
        {
            return bytes.ReadPastEnd && !complete ? null : SoapScanResult.Malformed($"the body is not well-formed XML ({e.Message})");
        }
    }

    private static SoapScanResult Scan(XmlReader reader, SoapSection section, SoapPath path, int maxDepth)
    {
        var wanted = section == SoapSection.Header ? "Header" : "Body";
        var steps = path.Steps;
        // Per open element (by depth): how many steps it completes, and how many of its children so far had the name
        // of the next step or of the first step (for the n-th sibling positions).
        // On the stack: a scan is synchronous, and MaxDepth is bounded by the options' validation.
        Span<int> state = maxDepth <= 256 ? stackalloc int[3 * (maxDepth + 2)] : new int[3 * (maxDepth + 2)];
        var matched = state[..(maxDepth + 2)];
        var nextSeen = state.Slice(maxDepth + 2, maxDepth + 2);
        var firstSeen = state[(2 * (maxDepth + 2))..];
        var scope = -1;

        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == scope)
            {
                return SoapScanResult.NotFound;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var depth = reader.Depth;
            if (depth > maxDepth)
            {
                return SoapScanResult.Malformed($"the XML is nested deeper than {maxDepth} elements");
            }

            if (depth == 0)
            {
                if (!SoapXml.IsEnvelope(reader))
                {
                    return SoapScanResult.Malformed($"the document is not a SOAP envelope (its root is '{reader.Name}')");
                }

                continue;
            }

            if (scope < 0)
            {
                if (depth == 1 && reader.LocalName == wanted)
                {
                    if (reader.IsEmptyElement)
                    {
                        return SoapScanResult.NotFound;
                    }

                    scope = 1;
                    matched[1] = 0;
                    nextSeen[1] = firstSeen[1] = 0;
                }
                else if (depth == 1 && section == SoapSection.Header && reader.LocalName == "Body")
                {
                    return SoapScanResult.NotFound;
                }

                continue;
            }

            var parent = depth - 1;
            var done = matched[parent];
            var reached = -1;
            var name = reader.LocalName;
            if (done >= 0 && name == steps[done].LocalName && ++nextSeen[parent] == steps[done].Position)
            {
                reached = done + 1;
            }

            if (done != 0 && (path.AnyDepth || parent == scope) && name == steps[0].LocalName && ++firstSeen[parent] == steps[0].Position)
            {
                reached = Math.Max(reached, 1);
            }

            if (reached == steps.Count)
            {
                return SoapScanResult.Found(reader.ReadElementContentAsString().Trim());
            }

            if (!reader.IsEmptyElement)
            {
                matched[depth] = reached >= 0 ? reached : path.AnyDepth ? 0 : -1;
                nextSeen[depth] = firstSeen[depth] = 0;
            }
        }

        return SoapScanResult.NotFound;
    }
}
