using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.OData.Edm;

namespace CommerceBus.Adapters.OData.Writing;

/// <summary>
/// The property writers of one entity type, in the order of its EDM type (the order OData writes them in), built once
/// per type from the service's model.
/// </summary>
internal sealed class EntityWriter<T>
{
    private static readonly ConcurrentDictionary<IEdmModel, EntityWriter<T>?> Built = new();

    private EntityWriter(IEdmEntityType type, IReadOnlyList<PropertyWriter<T>> properties)
    {
        Type = type;
        Properties = properties;
        ByName = properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public IEdmEntityType Type { get; }

    /// <summary>Every structural property, in the EDM type's order.</summary>
    public IReadOnlyList<PropertyWriter<T>> Properties { get; }

    public IReadOnlyDictionary<string, PropertyWriter<T>> ByName { get; }

    /// <summary>The writer of <typeparamref name="T"/> in <paramref name="model"/>, or null when a property has a type it does not write.</summary>
    public static EntityWriter<T>? For(IEdmModel model) => Built.GetOrAdd(model, Build);

    private static EntityWriter<T>? Build(IEdmModel model)
    {
        if (model.SchemaElements.OfType<IEdmEntityType>().FirstOrDefault(t => t.Name == typeof(T).Name) is not { } type)
        {
            return null;
        }

        var properties = new List<PropertyWriter<T>>();
        foreach (var property in type.StructuralProperties())
        {
            var clr = typeof(T).GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance);
            if (clr is null || PropertyWriter<T>.For(clr) is not { } writer)
            {
                return null;
            }

            properties.Add(writer);
        }

        return new EntityWriter<T>(type, properties);
    }
}
