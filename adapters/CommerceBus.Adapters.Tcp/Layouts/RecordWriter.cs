using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>
/// Writes one fixed-width record from a JSON object whose values sit under the layout's field names: text left-aligned
/// and space-padded (cut to the field's length), numbers right-aligned and zero-padded.
/// </summary>
/// <remarks>A value that does not fit a number field throws <see cref="FormatException"/>: cutting digits would change it.</remarks>
internal static class RecordWriter
{
    public static void Write(RecordLayout layout, JsonObject body, IBufferWriter<byte> output)
    {
        var group = layout.Group;
        var items = group is null ? null : JsonPaths.Get(body, group.Name) as JsonArray ?? [];
        var count = items?.Count ?? 0;
        if (group is not null && (count < group.MinCount || count > group.MaxCount))
        {
            throw new FormatException($"{layout.Type}: {group.Name} must have {group.MinCount}-{group.MaxCount} items (has {count})");
        }

        var length = layout.Length + (count * (group?.ItemLength ?? 0));
        var record = output.GetSpan(length)[..length];
        record.Fill((byte)' ');
        Encoding.ASCII.GetBytes(layout.Type, record);
        foreach (var field in layout.Fields)
        {
            var written = WriteField(field, JsonPaths.Get(body, field.Name), record.Slice(field.Offset, field.Length));
            if (field.Variable)
            {
                length = field.Offset + written;
            }
        }

        if (group is not null)
        {
            WriteField(group.Count, JsonValue.Create(count), record.Slice(group.Count.Offset, group.Count.Length));
            for (var i = 0; i < count; i++)
            {
                var item = items![i] as JsonObject ?? [];
                var slice = record.Slice(layout.Length + (i * group.ItemLength), group.ItemLength);
                foreach (var field in group.Fields)
                {
                    WriteField(field, JsonPaths.Get(item, field.Name), slice.Slice(field.Offset, field.Length));
                }
            }
        }

        output.Advance(length);
    }

    /// <summary>Writes one value into its field's characters; returns how many characters the value took.</summary>
    private static int WriteField(FieldLayout field, JsonNode? value, Span<byte> target)
    {
        var text = field.Type switch
        {
            FieldType.Number => Digits(field, JsonPaths.Number(value)),
            FieldType.ImpliedDecimal => Digits(field, JsonPaths.Number(value) * DecimalScale.Factor(field.Scale)),
            FieldType.Timestamp => Time(field, value),
            _ => Printable(JsonPaths.Text(value) ?? "", field.Length),
        };
        Encoding.ASCII.GetBytes(text, target);
        return text.Length;
    }

    private static string Digits(FieldLayout field, decimal? value)
    {
        var number = value ?? 0m;
        if (number < 0 || number != decimal.Truncate(number) || number.ToString("0", CultureInfo.InvariantCulture).Length > field.Length)
        {
            throw new FormatException($"{field.Name}: {value} does not fit a {field.Length}-digit field");
        }

        return number.ToString(new string('0', field.Length), CultureInfo.InvariantCulture);
    }

    private static string Time(FieldLayout field, JsonNode? value)
    {
        var text = JsonPaths.Text(value);
        if (text is null)
        {
            return "";
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new FormatException($"{field.Name}: '{text}' is not a time");
        }

        return Printable(time.ToUniversalTime().ToString(field.Format, CultureInfo.InvariantCulture), field.Length);
    }

    // The wire is printable ASCII: anything else would make the record unreadable for the other side.
    private static string Printable(string text, int length)
    {
        var cut = text.Length > length ? text[..length] : text;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
            }
        });
    }
}
