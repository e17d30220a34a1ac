using System.Collections.Frozen;
using System.Reflection;

namespace CommerceBus.Contracts;

/// <summary>The registry of canonical message types: name and version to CLR type, and back.</summary>
/// <remarks>
/// It starts with the types this contract assembly declares; a module that brings a canonical command of its own adds
/// it with <see cref="Register"/> when it registers with the hub (docs/adding-a-command.md). Registering publishes a
/// new snapshot, so readers never see a half-made one.
/// </remarks>
public static class CanonicalTypes
{
    private static readonly Lock Gate = new();
    private static Snapshot _current = new(typeof(CanonicalTypes).Assembly.GetTypes()
        .Select(t => (Type: t, Attribute: t.GetCustomAttribute<CanonicalMessageAttribute>()))
        .Where(x => x.Attribute is not null)
        .ToDictionary(x => x.Type, x => x.Attribute!));

    private static FrozenDictionary<Type, CanonicalMessageAttribute> ByType => Volatile.Read(ref _current).ByType;

    private static FrozenDictionary<string, Type> ByName => Volatile.Read(ref _current).ByName;

    /// <summary>Every canonical message type known: this contract assembly's and those modules registered.</summary>
    public static IEnumerable<Type> All => ByType.Keys;

    /// <summary>
    /// Makes <paramref name="messageType"/> (which carries <see cref="CanonicalMessageAttribute"/>) a canonical message:
    /// it can then be accepted, journaled and routed by its name. Registering a type again does nothing; a name and
    /// version another type already has is refused.
    /// </summary>
    public static void Register(Type messageType)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        var attribute = messageType.GetCustomAttribute<CanonicalMessageAttribute>()
            ?? throw new ArgumentException($"{messageType.FullName} is not a canonical message: it has no [CanonicalMessage].", nameof(messageType));
        lock (Gate)
        {
            var current = _current;
            if (current.ByType.ContainsKey(messageType))
            {
                return;
            }

            if (current.ByType.FirstOrDefault(x => x.Value.VersionedName.Equals(attribute.VersionedName, StringComparison.OrdinalIgnoreCase)) is { Key: { } taken })
            {
                throw new ArgumentException($"{attribute.VersionedName} is already the canonical name of {taken.FullName}.", nameof(messageType));
            }

            var types = current.ByType.ToDictionary();
            types[messageType] = attribute;
            Volatile.Write(ref _current, new Snapshot(types));
        }
    }

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

    private sealed class Snapshot
    {
        public Snapshot(Dictionary<Type, CanonicalMessageAttribute> types)
        {
            ByType = types.ToFrozenDictionary();
            ByName = types
                .SelectMany(x => new[] { (Key: x.Value.VersionedName, Type: x.Key), (Key: x.Value.Name, Type: x.Key) })
                .GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
                .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(x => types[x.Type].Version).First().Type, StringComparer.OrdinalIgnoreCase);
        }

        public FrozenDictionary<Type, CanonicalMessageAttribute> ByType { get; }

        public FrozenDictionary<string, Type> ByName { get; }
    }
}
