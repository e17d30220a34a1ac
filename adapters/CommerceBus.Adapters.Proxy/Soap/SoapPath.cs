using System.Globalization;
using System.Xml;

namespace CommerceBus.Adapters.Proxy.Soap;

/// <summary>
/// The restricted element path proxy routes read a SOAP value with, chosen so it can be matched while streaming:
/// <c>/a/b</c> starts at the children of <c>soap:Header</c> or <c>soap:Body</c>; <c>//a/b</c> lets <c>a</c> be at any
/// depth below them; every further <c>/</c> is a direct child. A step is an element's local name (namespaces are
/// ignored, prefixes are not allowed) with an optional <c>[n]</c>, the n-th element of that name among its siblings
/// (default 1, as in XPath, so <c>//order[1]/symbol</c> and <c>//order/symbol</c> are the same). The value is the
/// element's text. Nothing else of XPath (attributes, predicates, <c>*</c>, <c>..</c>) is accepted.
/// </summary>
internal sealed class SoapPath
{
    private SoapPath(string text, bool anyDepth, IReadOnlyList<SoapPathStep> steps)
    {
        Text = text;
        AnyDepth = anyDepth;
        Steps = steps;
    }

    public string Text { get; }

    /// <summary>Whether the first step may be at any depth (<c>//</c>) rather than a direct child of Header/Body (<c>/</c>).</summary>
    public bool AnyDepth { get; }

    public IReadOnlyList<SoapPathStep> Steps { get; }

    public override string ToString() => Text;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and what is allowed.</summary>
    public static bool TryParse(string? text, out SoapPath? path, out string? error)
    {
        path = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty; write a path such as //order[1]/symbol";
            return false;
        }

        var anyDepth = text.StartsWith("//", StringComparison.Ordinal);
        if (!anyDepth && !text.StartsWith('/'))
        {
            error = $"'{text}' must start with / (a child of Header/Body) or // (at any depth)";
            return false;
        }

        var steps = new List<SoapPathStep>();
        foreach (var part in text[(anyDepth ? 2 : 1)..].Split('/'))
        {
            if (!TryParseStep(part, out var step, out var stepError))
            {
                error = $"'{text}': step '{part}' {stepError}";
                return false;
            }

            steps.Add(step!);
        }

        path = new SoapPath(text, anyDepth, steps);
        return true;
    }

    private static bool TryParseStep(string part, out SoapPathStep? step, out string? error)
    {
        step = null;
        error = null;
        var name = part;
        var position = 1;
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            name = part[..bracket];
            var index = part[(bracket + 1)..];
            if (!index.EndsWith(']') || !int.TryParse(index[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out position) || position < 1)
            {
                error = "has a bad position; only [n] with n a whole number from 1 is allowed";
                return false;
            }
        }

        if (name.Length == 0)
        {
            error = "is empty (write // only at the start)";
            return false;
        }

        if (name.Contains(':', StringComparison.Ordinal))
        {
            error = "has a prefix; write the local name only (namespaces are ignored)";
            return false;
        }

        try
        {
            XmlConvert.VerifyNCName(name);
        }
        catch (XmlException)
        {
            error = "is not an element name (attributes, *, .., functions and predicates other than [n] are not supported)";
            return false;
        }

        step = new SoapPathStep(name, position);
        return true;
    }
}
