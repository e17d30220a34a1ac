using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CommerceBus.Contracts.Validation;

namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>
/// Reads one fixed-width record with its layout. The record's structure (printable ASCII, a known type, the right
/// length) is checked first and refused as a whole; then every field is read, and a field whose characters do not fit
/// its type becomes a field error, so all bad fields are reported together.
/// </summary>
internal static class RecordReader
{
    /// <param name="set">The layouts to read with.</param>
    /// <param name="record">The record, without framing.</param>
    /// <param name="requests">Whether a layout may be read here; one that may not (a reply type sent as a request) is refused as unknown.</param>
    /// <param name="decoded">The fields, when the structure is right.</param>
    /// <param name="fault">What is wrong with the structure, otherwise.</param>
    public static bool TryRead(
        LayoutSet set,
        ReadOnlySpan<byte> record,
        Func<RecordLayout, bool>? requests,
        [NotNullWhen(true)] out DecodedRecord? decoded,
        [NotNullWhen(false)] out RecordFault? fault)
    {
        decoded = null;
        var layout = record.Length >= set.TypeLength ? set.ForType(record[..set.TypeLength]) : null;
        if (layout is not null && requests is not null && !requests(layout))
        {
            fault = new(RecordFaultKind.UnknownType, OrderNumber(set, layout, record), $"record type '{layout.Type}' is not a request");
            return false;
        }

        fault = Structure(set, layout, record);
        if (fault is not null)
        {
            return false;
        }

        var body = new JsonObject();
        var errors = new List<FieldError>();
        foreach (var field in layout!.Fields)
        {
            Read(field, field.Name, record, body, errors);
        }

        if (layout.Group is { } group && !ReadGroup(layout, group, record, body, errors, out fault))
        {
            return false;
        }

        decoded = new DecodedRecord(layout, body, errors);
        return true;
    }

    private static RecordFault? Structure(LayoutSet set, RecordLayout? layout, ReadOnlySpan<byte> record)
    {
        var bad = record.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
        if (bad >= 0)
        {
            var field = layout?.FieldAt(bad) ?? (bad < set.TypeLength ? "type" : "record");
            return new(RecordFaultKind.NotPrintable, OrderNumber(set, layout, record), $"{field}: byte 0x{record[bad]:X2} at position {bad + 1} is not printable ASCII");
        }

        if (record.Length < set.TypeLength)
        {
            return new(RecordFaultKind.WrongLength, null, $"record: {record.Length} characters is too short for a record type");
        }

        var type = Encoding.ASCII.GetString(record[..set.TypeLength]);
        if (layout is null)
        {
            return new(RecordFaultKind.UnknownType, OrderNumber(set, null, record), $"record type '{type}' is unknown");
        }

        var fits = layout.Group is null
            ? record.Length >= layout.MinLength && record.Length <= layout.Length
            : record.Length >= layout.Length;
        if (fits)
        {
            return null;
        }

        var expected = layout.Group is not null ? $"at least {layout.Length}"
            : layout.MinLength == layout.Length ? $"{layout.Length}" : $"{layout.MinLength}-{layout.Length}";
        return new(RecordFaultKind.WrongLength, OrderNumber(set, layout, record), $"{type} must be {expected} characters long (was {record.Length})");
    }

    private static bool ReadGroup(RecordLayout layout, GroupLayout group, ReadOnlySpan<byte> record, JsonObject body, List<FieldError> errors, [NotNullWhen(false)] out RecordFault? fault)
    {
        fault = null;
        var countText = Ascii(record.Slice(group.Count.Offset, group.Count.Length));
        var count = IsDigits(countText) ? long.Parse(countText, CultureInfo.InvariantCulture) : -1;
        if (count < group.MinCount || count > group.MaxCount)
        {
            // The count is a field like any other: the client hears about it with the other bad fields.
            var width = group.Count.Length;
            errors.Add(new(group.Name, $"the count must be {group.MinCount.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}-{group.MaxCount.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')} (was '{countText}')"));
            return true;
        }

        var expected = layout.Length + ((int)count * group.ItemLength);
        if (record.Length != expected)
        {
            fault = new(RecordFaultKind.WrongLength, Text(layout.Field("orderNumber"), record),
                $"{layout.Type} with {count} {group.Name} must be {expected} characters long (was {record.Length})");
            return false;
        }

        var items = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var item = new JsonObject();
            var slice = record.Slice(layout.Length + (i * group.ItemLength), group.ItemLength);
            foreach (var field in group.Fields)
            {
                Read(field, $"{group.Name}[{i}].{field.Name}", slice, item, errors);
            }

            items.Add(item);
        }

        JsonPaths.Set(body, group.Name, items);
        return true;
    }

    private static void Read(FieldLayout field, string path, ReadOnlySpan<byte> record, JsonObject target, List<FieldError> errors)
    {
        var end = Math.Min(field.End, record.Length);
        var raw = end > field.Offset ? Ascii(record[field.Offset..end]) : "";
        JsonNode? value;
        switch (field.Type)
        {
            case FieldType.Number when IsDigits(raw):
                value = JsonValue.Create(long.Parse(raw, CultureInfo.InvariantCulture));
                break;
            case FieldType.ImpliedDecimal when IsDigits(raw):
                value = JsonValue.Create(long.Parse(raw, CultureInfo.InvariantCulture) / DecimalScale.Factor(field.Scale));
                break;
            case FieldType.Number or FieldType.ImpliedDecimal:
                errors.Add(new(path, $"must be {field.Length} digits (was '{raw}')"));
                return;
            case FieldType.Timestamp when DateTimeOffset.TryParseExact(raw, field.Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time):
                value = JsonValue.Create(time);
                break;
            case FieldType.Timestamp:
                errors.Add(new(path, $"must be a time written {field.Format} (was '{raw}')"));
                return;
            default:
                var text = raw.TrimEnd(' ');
                if (text.Length == 0)
                {
                    return;  // missing: the canonical rules say whether the field is required
                }

                value = JsonValue.Create(text);
                break;
        }

        JsonPaths.Set(target, field.Name, value);
    }

    private static string? OrderNumber(LayoutSet set, RecordLayout? layout, ReadOnlySpan<byte> record) =>
        Text(layout?.Field("orderNumber") ?? set.CommonOrderNumber, record);

    /// <summary>A text field's value when the record reaches it and its characters are printable; otherwise null.</summary>
    private static string? Text(FieldLayout? field, ReadOnlySpan<byte> record)
    {
        if (field is null || record.Length <= field.Offset)
        {
            return null;
        }

        var slice = record[field.Offset..Math.Min(field.End, record.Length)];
        return slice.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0 ? null : Ascii(slice).TrimEnd(' ') is { Length: > 0 } text ? text : null;
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
