using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CommerceBus.Routing.Matching;

/// <summary>Reads the text of a JSON scalar into a caller's buffer, so text operators do not allocate a string per message.</summary>
internal static class JsonText
{
    public const int BufferSize = 256;

    /// <summary>The text of a string, number or boolean; false for objects and arrays, which have no text to compare.</summary>
    public static bool TryRead(JsonElement element, Span<char> buffer, out ReadOnlySpan<char> text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                var inner = raw[1..^1];
                // Escapes need the JSON decoder; long values would not fit. Both are rare, so they pay for a string.
                text = inner.IndexOf((byte)'\\') < 0 && Encoding.UTF8.GetMaxCharCount(inner.Length) <= buffer.Length
                    ? buffer[..Encoding.UTF8.GetChars(inner, buffer)]
                    : element.GetString().AsSpan();
                return true;
            case JsonValueKind.Number:
                var number = JsonMarshal.GetRawUtf8Value(element);
                text = number.Length <= buffer.Length ? buffer[..Encoding.UTF8.GetChars(number, buffer)] : element.GetRawText().AsSpan();
                return true;
            case JsonValueKind.True:
                text = "true";
                return true;
            case JsonValueKind.False:
                text = "false";
                return true;
            default:
                text = default;
                return false;
        }
    }

    /// <summary>Reads a value as a number: a JSON number, or text that parses as a decimal in the invariant culture.</summary>
    public static bool TryReadNumber(in RouteValue value, out decimal number)
    {
        number = 0;
        if (!value.IsPresent)
        {
            return false;
        }

        if (value.Text is not null)
        {
            return TryParseNumber(value.Text, out number);
        }

        if (value.Element.ValueKind == JsonValueKind.Number)
        {
            return value.Element.TryGetDecimal(out number);
        }

        Span<char> buffer = stackalloc char[BufferSize];
        return value.Element.ValueKind == JsonValueKind.String
            && TryRead(value.Element, buffer, out var text)
            && TryParseNumber(text, out number);
    }

    public static bool TryParseNumber(ReadOnlySpan<char> text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
}
