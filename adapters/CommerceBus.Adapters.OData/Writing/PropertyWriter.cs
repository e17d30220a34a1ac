using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace CommerceBus.Adapters.OData.Writing;

/// <summary>
/// Writes one structural property of a row as the OData JSON format does: its name, then its value typed as the EDM
/// model types it (timestamps as UTC <c>Edm.DateTimeOffset</c>, amounts as JSON numbers with their scale, enums by
/// member name, nulls written as <c>null</c>).
/// </summary>
internal sealed class PropertyWriter<T>
{
    private static readonly MethodInfo[] Writers = typeof(PropertyWriter<T>).GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
        .Where(m => m.Name == nameof(Value)).ToArray();

    private readonly Action<Utf8JsonWriter, T> _write;

    private PropertyWriter(string name, Action<Utf8JsonWriter, T> write)
    {
        Name = name;
        EncodedName = JsonEncodedText.Encode(name, Escaping.Encoder);
        _write = write;
    }

    public string Name { get; }

    public JsonEncodedText EncodedName { get; }

    /// <summary>The row's value of this property, boxed (for the skip token of a next-page link).</summary>
    public Func<T, object?> Get { get; private init; } = _ => null;

    public void Write(Utf8JsonWriter writer, T row)
    {
        writer.WritePropertyName(EncodedName);
        _write(writer, row);
    }

    /// <summary>The writer of <paramref name="property"/>, or null when its CLR type is not one this writer knows.</summary>
    public static PropertyWriter<T>? For(PropertyInfo property)
    {
        var type = property.PropertyType;
        var valueType = type.IsEnum ? typeof(Enum) : Nullable.GetUnderlyingType(type) is { IsEnum: true } ? null : type;
        var method = Writers.FirstOrDefault(m => m.GetParameters()[1].ParameterType == valueType);
        if (method is null)
        {
            return null;
        }

        var writer = Expression.Parameter(typeof(Utf8JsonWriter), "writer");
        var row = Expression.Parameter(typeof(T), "row");
        Expression value = Expression.Property(row, property);
        if (type.IsEnum)
        {
            value = Expression.Convert(value, typeof(Enum));
        }

        var write = Expression.Lambda<Action<Utf8JsonWriter, T>>(Expression.Call(method, writer, value), writer, row).Compile();
        var get = Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(row, property), typeof(object)), row).Compile();
        return new PropertyWriter<T>(property.Name, write) { Get = get };
    }

    // One overload per CLR type of the entity types; For picks by parameter type.
    private static void Value(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static void Value(Utf8JsonWriter writer, Guid value) => writer.WriteStringValue(value);

    private static void Value(Utf8JsonWriter writer, Guid? value)
    {
        if (value is { } guid)
        {
            writer.WriteStringValue(guid);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void Value(Utf8JsonWriter writer, DateTime value) => writer.WriteStringValue(Utc(value));

    private static void Value(Utf8JsonWriter writer, DateTime? value)
    {
        if (value is { } time)
        {
            writer.WriteStringValue(Utc(time));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void Value(Utf8JsonWriter writer, decimal value) => writer.WriteNumberValue(value);

    private static void Value(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);

    private static void Value(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);

    private static void Value(Utf8JsonWriter writer, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void Value(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);

    private static void Value(Utf8JsonWriter writer, Enum value) => writer.WriteStringValue(value.ToString());

    /// <summary>
    /// A double as OData writes it: the shortest round-trip form, with <c>.0</c> added to a whole number so a reader
    /// sees a floating-point value; NaN and the infinities as strings.
    /// </summary>
    private static void Value(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "INF" : "-INF");
            return;
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        writer.WriteRawValue(text.AsSpan().IndexOfAny('.', 'e', 'E') < 0 ? text + ".0" : text, skipInputValidation: true);
    }

    /// <summary>
    /// The hub stores UTC and the service's time zone is UTC (<c>ODataAdapterBuilderExtensions</c>), so OData writes
    /// every timestamp with <c>Z</c>; a value read back without a kind is UTC.
    /// </summary>
    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
