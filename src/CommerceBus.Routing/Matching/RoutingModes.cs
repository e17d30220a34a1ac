namespace CommerceBus.Routing.Matching;

/// <summary>Parses <see cref="RoutingOptions.Mode"/>: absent means first match; numbers are refused, unlike <c>Enum.TryParse</c>.</summary>
internal static class RoutingModes
{
    public static bool TryParse(string? mode, out RoutingMode parsed)
    {
        parsed = RoutingMode.FirstMatch;
        if (string.IsNullOrWhiteSpace(mode) || string.Equals(mode, nameof(RoutingMode.FirstMatch), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        parsed = RoutingMode.Multicast;
        return string.Equals(mode, nameof(RoutingMode.Multicast), StringComparison.OrdinalIgnoreCase);
    }
}
