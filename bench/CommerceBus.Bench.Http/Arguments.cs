using System.Globalization;

namespace CommerceBus.Bench.Http;

/// <summary>The few command-line arguments of the bench's roles.</summary>
internal static class Arguments
{
    public static string Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : throw new ArgumentException($"{name} is required");
    }

    public static int Port(string[] args) => int.Parse(Value(args, "--port"), CultureInfo.InvariantCulture);
}
