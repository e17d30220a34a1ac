namespace CommerceBus.Routing.Matching;

/// <summary>Finds a header by name, case-insensitively, whatever comparer the caller's dictionary uses.</summary>
internal static class HeaderLookup
{
    public static RouteValue Find(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var exact))
        {
            return Present(exact);
        }

        if (headers is Dictionary<string, string> dictionary)
        {
            if (ReferenceEquals(dictionary.Comparer, StringComparer.OrdinalIgnoreCase))
            {
                return RouteValue.Missing;
            }

            // The struct enumerator of a concrete Dictionary does not allocate; the interface one would.
            foreach (var pair in dictionary)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return Present(pair.Value);
                }
            }

            return RouteValue.Missing;
        }

        foreach (var pair in headers)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return Present(pair.Value);
            }
        }

        return RouteValue.Missing;
    }

    // A null value can still arrive from callers without nullable analysis; it means the header is not there.
    private static RouteValue Present(string? value) => value is null ? RouteValue.Missing : RouteValue.Header(value);
}
