using System.Collections.Frozen;
using System.Reflection;

namespace CommerceBus.Contracts;

/// <summary>The registry of canonical message types: name and version to CLR type, and back.</summary>
public static class CanonicalTypes
{
    private static readonly FrozenDictionary<Type, CanonicalMessageAttribute> ByType = typeof(CanonicalTypes).Assembly
        .GetTypes()
        .Select(t => (Type: t, Attribute: t.GetCustomAttribute<CanonicalMessageAttribute>()))
        .Where(x => x.Attribute is not null)
        .ToFrozenDictionary(x => x.Type, x => x.Attribute!);

    private static readonly FrozenDictionary<string, Type> ByName = ByType
        .SelectMany(x => new[] { (Key: x.Value.VersionedName, x.Key), (Key: x.Value.Name, x.Key) })
        .GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(x => ByType[x.Item2].Version).First().Item2, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every canonical message type this contract assembly declares.</summary>
    public static IEnumerable<Type> All => ByType.Keys;

    /// <summary>The canonical name (without version) of a message type, e.g. <c>PlaceOrder</c>.</summary>
    public static string NameOf(Type messageType) => Describe(messageType).Name;

    /// <summary>The canonical name with its version, e.g. <c>PlaceOrder.v1</c>.</summary>
    public static string VersionedNameOf(Type messageType) => Describe(messageType).VersionedName;

    public static CanonicalMessageAttribute Describe(Type messageType) =>
        ByType.TryGetValue(messageType, out var attribute)
            ? attribute
            : throw new ArgumentException($"{messageType.FullName} is not a canonical message: it has no [CanonicalMessage].", nameof(messageType));

    /// <summary>Finds the CLR type of a canonical name; an unversioned name finds the newest version.</summary>
    public static bool TryResolve(string name, out Type messageType) => ByName.TryGetValue(name, out messageType!);
}
