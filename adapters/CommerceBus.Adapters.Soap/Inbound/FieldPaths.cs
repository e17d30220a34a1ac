using System.Globalization;
using System.Text;

namespace CommerceBus.Adapters.Soap.Inbound;

/// <summary>
/// Turns the validator's canonical field paths (<c>lines[1].sku</c>) into the WSDL's element paths
/// (<c>Order/Lines/OrderLine[2]/Sku</c>, XPath-style, counting from 1), which is what a SOAP client can find in its request.
/// </summary>
internal static class FieldPaths
{
    /// <param name="field">The canonical path, camelCase, e.g. <c>shipTo.postalCode</c>.</param>
    /// <param name="root">The element the fields live under: <c>Order</c> for PlaceOrder, empty for CancelOrder.</param>
    public static string ToElement(string field, string root)
    {
        if (string.IsNullOrEmpty(field) || field == "$")
        {
            return root.Length > 0 ? root : "Body";
        }

        var path = new StringBuilder(root);
        foreach (var segment in field.Split('.'))
        {
            if (path.Length > 0)
            {
                path.Append('/');
            }

            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                path.Append(Capitalize(segment));
                continue;
            }

            var name = segment[..bracket];
            var index = int.TryParse(segment.AsSpan(bracket + 1, segment.Length - bracket - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0;
            path.Append(Capitalize(name));

            // The wire wraps repeated lines in an array element: Lines/OrderLine[n].
            if (name == "lines")
            {
                path.Append("/OrderLine");
            }

            path.Append(CultureInfo.InvariantCulture, $"[{index + 1}]");
        }

        return path.ToString();
    }

    private static string Capitalize(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
