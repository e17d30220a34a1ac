using System.Globalization;

namespace CommerceBus.Bench.Bus.Reporting;

/// <summary>Numbers as the report shows them (invariant culture).</summary>
internal static class Format
{
    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Target(bool met) => met ? "met" : "**missed**";
}
