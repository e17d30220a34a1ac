using System.Globalization;

namespace CommerceBus.Bench.Bus.Reporting;

/// <summary>Progress lines on the console, so a long run shows what it is doing.</summary>
internal static class Progress
{
    public static void Say(string line) =>
        Console.WriteLine($"[{DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {line}");
}
