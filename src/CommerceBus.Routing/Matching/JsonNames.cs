using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CommerceBus.Routing.Matching;

/// <summary>Case-insensitive property name comparison that reads the raw UTF-8 name instead of allocating a string.</summary>
internal static class JsonNames
{
    public static bool EqualsIgnoreCase(JsonProperty property, ReadOnlySpan<byte> utf8Name, string name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0 && Ascii.IsValid(raw) && Ascii.IsValid(utf8Name))
        {
            return Ascii.EqualsIgnoreCase(raw, utf8Name);
        }

        // Escaped or non-ASCII names are rare enough to pay for the string.
        return string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
    }
}
