namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>The factor of an implied-decimal field: 10 to the power of its scale, exact in <see cref="decimal"/>.</summary>
internal static class DecimalScale
{
    public static decimal Factor(int scale)
    {
        var result = 1m;
        for (var i = 0; i < scale; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
