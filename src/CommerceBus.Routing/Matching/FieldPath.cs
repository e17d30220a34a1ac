using System.Globalization;
using System.Text.Json;

namespace CommerceBus.Routing.Matching;

/// <summary>A compiled path into a JSON body (<c>shipTo.country</c>, <c>lines[0].sku</c>, <c>lines[*].sku</c>).</summary>
/// <remarks>
/// Visiting a path yields one value per element of every <c>[*]</c>, so a wildcard over an empty array yields nothing.
/// A step that cannot be taken (absent property, index out of range, not an object or array) and a JSON null both
/// yield one missing value: a condition then sees "missing" rather than silently nothing.
/// </remarks>
internal sealed class FieldPath
{
    private readonly PathSegment[] segments;

    private FieldPath(string text, PathSegment[] segments)
    {
        Text = text;
        this.segments = segments;
        HasWildcard = Array.Exists(segments, s => s.Name is null && s.Index == PathSegment.Wildcard);
    }

    public string Text { get; }

    /// <summary>Whether the path can reach several values, so explanations show them as a list.</summary>
    public bool HasWildcard { get; }

    public static bool TryParse(string? text, out FieldPath? path, out string? error)
    {
        path = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the path is empty";
            return false;
        }

        var segments = new List<PathSegment>();
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < text.Length && text[i] is not ('.' or '[' or ']') && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                error = $"expected a property name at position {i}";
                return false;
            }

            segments.Add(PathSegment.Property(text[start..i]));
            while (i < text.Length && text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    error = $"'[' at position {i} is not closed";
                    return false;
                }

                var inner = text[(i + 1)..close];
                if (inner == "*")
                {
                    segments.Add(PathSegment.Each());
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(PathSegment.Element(index));
                }
                else
                {
                    error = $"'[{inner}]' is not an index: use a number or *";
                    return false;
                }

                i = close + 1;
            }

            if (i == text.Length)
            {
                break;
            }

            if (text[i] != '.')
            {
                error = $"unexpected '{text[i]}' at position {i}";
                return false;
            }

            i++;
        }

        path = new FieldPath(text, [.. segments]);
        error = null;
        return true;
    }

    /// <summary>Walks the body and hands every value the path reaches to the visitor, until it says stop.</summary>
    public void Visit<TVisitor>(JsonElement body, ref TVisitor visitor)
        where TVisitor : struct, IRouteValueVisitor => Walk(body, 0, ref visitor);

    private bool Walk<TVisitor>(JsonElement element, int step, ref TVisitor visitor)
        where TVisitor : struct, IRouteValueVisitor
    {
        if (step == segments.Length)
        {
            return visitor.Visit(element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? RouteValue.Missing : RouteValue.Json(element));
        }

        var segment = segments[step];
        if (segment.Name is not null)
        {
            return element.ValueKind == JsonValueKind.Object && segment.TryGetProperty(element, out var child)
                ? Walk(child, step + 1, ref visitor)
                : visitor.Visit(RouteValue.Missing);
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return visitor.Visit(RouteValue.Missing);
        }

        if (segment.Index != PathSegment.Wildcard)
        {
            return segment.Index < element.GetArrayLength()
                ? Walk(element[segment.Index], step + 1, ref visitor)
                : visitor.Visit(RouteValue.Missing);
        }

        foreach (var item in element.EnumerateArray())
        {
            if (!Walk(item, step + 1, ref visitor))
            {
                return false;
            }
        }

        return true;
    }
}
