using System.Collections.Concurrent;

namespace CommerceBus.Core.Scheduling;

/// <summary>Finds the .NET type of a MassTransit message URN (<c>urn:message:Namespace:Type</c>) among the loaded assemblies.</summary>
public static class MessageTypeResolver
{
    private const string Prefix = "urn:message:";
    private static readonly ConcurrentDictionary<string, Type?> Cache = new(StringComparer.Ordinal);

    public static Type Resolve(IEnumerable<string> urns)
    {
        foreach (var urn in urns)
        {
            if (Cache.GetOrAdd(urn, Find) is { } type)
            {
                return type;
            }
        }

        throw new InvalidOperationException($"No loaded type is the scheduled message type {string.Join(", ", urns)}.");
    }

    private static Type? Find(string urn)
    {
        if (!urn.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = urn[Prefix.Length..].Split(':');
        if (parts.Length < 2)
        {
            return null;
        }

        var fullName = $"{parts[0]}.{parts[1]}";
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => parts.Length < 3 || a.GetName().Name == parts[2])
            .Select(a => a.GetType(fullName, throwOnError: false))
            .FirstOrDefault(t => t is not null);
    }
}
