using System.Text;
using System.Text.Json;

namespace CommerceBus.Routing.Matching;

/// <summary>One step of a <see cref="FieldPath"/>: a property, an array index, or every element of an array (<c>[*]</c>).</summary>
internal sealed class PathSegment
{
    private PathSegment(string? name, int index)
    {
        Name = name;
        Index = index;
        if (name is not null)
        {
            // Bodies are camelCase, rules are often written PascalCase: trying the camelCase spelling before a scan
            // keeps the case-insensitive match free of allocations in the common case.
            var camel = JsonNamingPolicy.CamelCase.ConvertName(name);
            CamelName = camel == name ? null : camel;
            Utf8Name = Encoding.UTF8.GetBytes(name);
        }
    }

    public const int Wildcard = -1;

    /// <summary>The property name, or null for an index step.</summary>
    public string? Name { get; }

    /// <summary>The array index of an index step, or <see cref="Wildcard"/>.</summary>
    public int Index { get; }

    private string? CamelName { get; }

    private byte[] Utf8Name { get; } = [];

    public static PathSegment Property(string name) => new(name, 0);

    public static PathSegment Element(int index) => new(null, index);

    public static PathSegment Each() => new(null, Wildcard);

    public bool TryGetProperty(JsonElement element, out JsonElement value)
    {
        if (element.TryGetProperty(Name!, out value) || (CamelName is not null && element.TryGetProperty(CamelName, out value)))
        {
            return true;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (JsonNames.EqualsIgnoreCase(property, Utf8Name, Name!))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
