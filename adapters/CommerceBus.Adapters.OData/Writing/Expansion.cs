using System.Reflection;
using System.Text.Json;
using Microsoft.OData.Edm;

namespace CommerceBus.Adapters.OData.Writing;

/// <summary>An expanded collection navigation property of a row (an order's <c>Lines</c>), written after the row's own properties.</summary>
internal abstract class Expansion<T>
{
    public abstract string Name { get; }

    /// <summary>The largest number of items of one row; above the page size OData would page the collection itself.</summary>
    public abstract int Count(T row);

    public abstract void Write(Utf8JsonWriter writer, T row);

    /// <summary>The expansion of <paramref name="navigation"/> on <typeparamref name="T"/>, or null when it is not a list of an entity type this writer knows.</summary>
    public static Expansion<T>? For(IEdmModel model, IEdmNavigationProperty navigation)
    {
        var property = typeof(T).GetProperty(navigation.Name, BindingFlags.Public | BindingFlags.Instance);
        if (property?.PropertyType is not { IsGenericType: true } listType || listType.GetGenericTypeDefinition() != typeof(List<>))
        {
            return null;
        }

        var item = listType.GetGenericArguments()[0];
        return (Expansion<T>?)typeof(Expansion<T>).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(item).Invoke(null, [model, property]);
    }

    private static Expansion<T>? Create<TItem>(IEdmModel model, PropertyInfo property) =>
        EntityWriter<TItem>.For(model) is { } items && items.Type.Key().SingleOrDefault() is { } key && items.ByName.TryGetValue(key.Name, out var keyWriter)
            ? new ListExpansion<TItem>(property.Name, property.GetMethod!.CreateDelegate<Func<T, List<TItem>?>>(), items, keyWriter)
            : null;

    /// <summary>
    /// A list written in key order: with server-driven paging on, OData orders an expanded collection by its key (a
    /// stable order, as for the top-level page).
    /// </summary>
    private sealed class ListExpansion<TItem>(string name, Func<T, List<TItem>?> get, EntityWriter<TItem> items, PropertyWriter<TItem> key) : Expansion<T>
    {
        private readonly JsonEncodedText _name = JsonEncodedText.Encode(name, Escaping.Encoder);

        public override string Name => name;

        public override int Count(T row) => get(row)?.Count ?? 0;

        public override void Write(Utf8JsonWriter writer, T row)
        {
            writer.WritePropertyName(_name);
            writer.WriteStartArray();
            if (get(row) is { } list)
            {
                foreach (var item in list.OrderBy(i => key.Get(i)))
                {
                    writer.WriteStartObject();
                    foreach (var property in items.Properties)
                    {
                        property.Write(writer, item);
                    }

                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
        }
    }
}
