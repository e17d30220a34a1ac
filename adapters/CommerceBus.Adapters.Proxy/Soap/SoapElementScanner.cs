using System.Xml;

namespace CommerceBus.Adapters.Proxy.Soap;

/// <summary>
/// Finds the text of one element of a SOAP envelope by reading only as far as that element: the rest of the body is
/// never read here (the caller forwards the consumed prefix and then the rest). Malformed XML before the element, a DTD,
/// or nesting deeper than allowed end the scan as <see cref="SoapScanOutcome.Malformed"/>.
/// </summary>
internal static class SoapElementScanner
{
    public static async Task<SoapScanResult> FindAsync(Stream body, SoapSection section, SoapPath path, int maxDepth, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(body, SoapXml.ReaderSettings);
        try
        {
            return await ScanAsync(reader, section, path, maxDepth, cancellationToken).ConfigureAwait(false);
        }
        catch (XmlException e)
        {
            return SoapScanResult.Malformed($"the body is not well-formed XML ({e.Message})");
        }
    }

    private static async Task<SoapScanResult> ScanAsync(XmlReader reader, SoapSection section, SoapPath path, int maxDepth, CancellationToken cancellationToken)
    {
        var wanted = section == SoapSection.Header ? "Header" : "Body";
        var steps = path.Steps;
        // Per open element (by depth): how many steps it completes, and how many of its children so far had the name
        // of the next step or of the first step (for the n-th sibling positions).
        var matched = new int[maxDepth + 2];
        var nextSeen = new int[maxDepth + 2];
        var firstSeen = new int[maxDepth + 2];
        var scope = -1;

        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
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
                return SoapScanResult.Found((await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim());
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
