using System.Xml.Linq;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// Damage that knows XML, applied to the valid SOAP PlaceOrder envelope: values of the wrong type, elements missing,
/// extra and duplicated, huge numbers, and the hostile documents (DTDs, external and expanding entities, XInclude,
/// deep nesting, huge names and attribute counts, lying encodings).
/// </summary>
public static class XmlMutations
{
    private const string Placeholder = "@@RAW@@";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    private static readonly (string Name, string Raw)[] WrongValues =
    [
        ("word", "two"), ("negative", "-1"), ("1e999", "1e999"), ("30 nines", new string('9', 30)), ("empty", ""), ("blanks", "   "),
        ("NaN", "NaN"), ("NUL reference", "&#0;"), ("child element", "<x>1</x>"), ("CDATA", "<![CDATA[1]]>"), ("undefined entity", "&nbsp;"),
    ];

    private static readonly (string Name, string Raw)[] HugeNumbers =
    [
        ("1e400", "1e400"), ("5000 digits", "1" + new string('0', 5000)), ("minus zero", "-0"), ("INF", "INF"), ("exponent overflow", "1E+2147483648"),
        ("hex", "0x10"), ("padded", " 1 "), ("plus", "+1"), ("comma decimal", "1,5"), ("int64 max+1", "9223372036854775808"), ("tiny", "0." + new string('0', 1000) + "1"),
    ];

    /// <summary>Adds the XML-aware cases for the envelope <paramref name="valid"/> gives for a number.</summary>
    public static void AddStructural(CaseList cases, Func<string, string> valid, string soapNamespace)
    {
        var count = Elements(XDocument.Parse(valid("X"))).Count;
        for (var i = 0; i < count; i++)
        {
            var at = i;
            var element = Elements(XDocument.Parse(valid("X")))[at];
            var name = element.Name.LocalName + (element.Parent?.Name.LocalName == "OrderLine" ? $"#{at}" : "");
            if (!element.HasElements)
            {
                foreach (var (value, raw) in WrongValues)
                {
                    cases.AddText("wrong-type", $"{name} = {value}", n => Edit(valid(n), at, e => e.Value = Placeholder).Replace(Placeholder, raw, StringComparison.Ordinal));
                }

                if (element.Name.LocalName is "Quantity" or "UnitPrice")
                {
                    foreach (var (value, raw) in HugeNumbers)
                    {
                        cases.AddText("huge-number", $"{name} = {value}", n => Edit(valid(n), at, e => e.Value = Placeholder).Replace(Placeholder, raw, StringComparison.Ordinal));
                    }
                }
            }
            else
            {
                cases.AddText("extra-field", $"unknown element in {name}", n => Edit(valid(n), at, e => e.Add(new XElement(e.Name.Namespace + "Unexpected", "1"))));
            }

            cases.AddText("missing-field", name, n => Edit(valid(n), at, e => e.Remove()));
            cases.AddText("duplicate-key", name, n => Edit(valid(n), at, e => e.AddAfterSelf(new XElement(e))));
        }

        foreach (var (name, text) in Hostile(soapNamespace))
        {
            cases.AddText(name.Split(':')[0], name, n => text(valid(n)));
        }
    }

    /// <summary>Hostile documents, each a function of the valid envelope; the name's prefix is the category.</summary>
    private static IEnumerable<(string Name, Func<string, string> Text)> Hostile(string soapNamespace)
    {
        string Doctype(string envelope, string doctype, string from = "C-42", string to = "C-42") =>
            Declaration + doctype + envelope[Declaration.Length..].Replace(from, to, StringComparison.Ordinal);

        var laughs = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">"));
        yield return ("xxe: internal entity", v => Doctype(v, "<!DOCTYPE e [<!ENTITY c \"C-42\">]>", "C-42", "&c;"));
        yield return ("xxe: billion laughs", v => Doctype(v, $"<!DOCTYPE e [<!ENTITY l0 \"lol\">{laughs}]>", "C-42", "&l9;"));
        yield return ("xxe: quadratic blowup", v => Doctype(v, $"<!DOCTYPE e [<!ENTITY a \"{new string('a', 50_000)}\">]>", "C-42", string.Concat(Enumerable.Repeat("&a;", 2000))));
        yield return ("xxe: external file entity", v => Doctype(v, "<!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", "C-42", "&x;"));
        yield return ("xxe: external http entity", v => Doctype(v, "<!DOCTYPE e [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]>", "C-42", "&x;"));
        yield return ("xxe: external DTD", v => Doctype(v, "<!DOCTYPE e SYSTEM \"http://127.0.0.1:9/x.dtd\">"));
        yield return ("xxe: parameter entity", v => Doctype(v, "<!DOCTYPE e [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"));
        yield return ("xxe: public DTD", v => Doctype(v, "<!DOCTYPE e PUBLIC \"-//X//DTD X//EN\" \"file:///etc/passwd\">"));
        yield return ("xxe: XInclude", v => v.Replace("C-42", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>", StringComparison.Ordinal));
        yield return ("xxe: stylesheet PI", v => Declaration + "<?xml-stylesheet href=\"http://127.0.0.1:9/x.xsl\"?>" + v[Declaration.Length..]);
        foreach (var depth in new[] { 100, 10_000, 30_000 })
        {
            yield return ($"deep-nesting: in Name x{depth}", v => v.Replace("Ada Lovelace", string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)), StringComparison.Ordinal));
            yield return ($"deep-nesting: in Body x{depth}", v => v.Replace("<soap:Body>", "<soap:Body>" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)), StringComparison.Ordinal));
        }

        yield return ("oversize: 10000 attributes", v => v.Replace("<o:Order>", "<o:Order " + string.Join(" ", Enumerable.Range(0, 10_000).Select(i => $"a{i}=\"1\"")) + ">", StringComparison.Ordinal));
        yield return ("oversize: 100 KiB element name", v => v.Replace("Ada Lovelace", $"<{new string('n', 100 * 1024)}/>", StringComparison.Ordinal));
        yield return ("oversize: 200 KiB attribute", v => v.Replace("<o:Order>", $"<o:Order a=\"{new string('v', 200 * 1024)}\">", StringComparison.Ordinal));
        yield return ("oversize: 300 KiB of blanks", v => v.Replace("<soap:Body>", "<soap:Body>" + new string(' ', 300 * 1024), StringComparison.Ordinal));
        yield return ("invalid-xml: comment in a value", v => v.Replace("C-42", "C-<!-- x -->42", StringComparison.Ordinal));
        yield return ("invalid-xml: wrong operation namespace", v => v.Replace("urn:commercebus:legacy:orders:v1", "urn:other", StringComparison.Ordinal));
        yield return ("invalid-xml: undeclared prefix", v => v.Replace("<o:Order>", "<x:Order>", StringComparison.Ordinal));
        yield return ("invalid-xml: mismatched end tag", v => v.Replace("</o:Order>", "</o:Orders>", StringComparison.Ordinal));
        yield return ("invalid-xml: no Body", _ => $"{Declaration}<soap:Envelope xmlns:soap=\"{soapNamespace}\"></soap:Envelope>");
        yield return ("invalid-xml: empty Body", _ => $"{Declaration}<soap:Envelope xmlns:soap=\"{soapNamespace}\"><soap:Body/></soap:Envelope>");
        yield return ("invalid-xml: two Bodies", v => v.Replace("</soap:Envelope>", "<soap:Body/></soap:Envelope>", StringComparison.Ordinal));
        yield return ("invalid-xml: two operations", v => v.Replace("</soap:Body>", "<o:PlaceOrder xmlns:o=\"urn:commercebus:legacy:orders:v1\"/></soap:Body>", StringComparison.Ordinal));
        yield return ("invalid-xml: unknown envelope namespace", v => v.Replace(soapNamespace, "urn:not-soap", StringComparison.Ordinal));
        yield return ("invalid-xml: mustUnderstand header", v => v.Replace("<soap:Body>", "<soap:Header><h:Secret xmlns:h=\"urn:h\" soap:mustUnderstand=\"1\">x</h:Secret></soap:Header><soap:Body>", StringComparison.Ordinal));
        yield return ("invalid-xml: declared UTF-16", v => v.Replace("encoding=\"utf-8\"", "encoding=\"utf-16\"", StringComparison.Ordinal));
        yield return ("invalid-xml: declared EBCDIC", v => v.Replace("encoding=\"utf-8\"", "encoding=\"ebcdic-cp-us\"", StringComparison.Ordinal));
        yield return ("invalid-xml: text after the root", v => v + "trailing");
        yield return ("invalid-xml: second root", v => v + "<x/>");
        yield return ("invalid-xml: empty", _ => "");
        yield return ("invalid-xml: JSON", _ => "{\"orderNumber\":\"A\"}");
    }

    /// <summary>The elements of the Order, in document order (the Order itself first).</summary>
    private static List<XElement> Elements(XDocument document) =>
        document.Descendants().SkipWhile(e => e.Name.LocalName != "Order").ToList();

    private static string Edit(string envelope, int index, Action<XElement> edit)
    {
        var document = XDocument.Parse(envelope);
        edit(Elements(document)[index]);
        return Declaration + document.Root!.ToString(SaveOptions.DisableFormatting);
    }
}
