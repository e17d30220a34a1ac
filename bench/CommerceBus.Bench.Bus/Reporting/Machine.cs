using System.Runtime;
using System.Runtime.InteropServices;

namespace CommerceBus.Bench.Bus.Reporting;

/// <summary>The machine a run measured on, read from /proc: results mean little without it.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var ram = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:F1} GiB" : "unknown";
        return $"nproc {Environment.ProcessorCount}, {cpu}, RAM {ram}, {RuntimeInformation.FrameworkDescription} " +
               $"({RuntimeInformation.OSDescription}), bench process GC: {(GCSettings.IsServerGC ? "server" : "workstation")}";
    }

    private static string? ReadField(string file, string name)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Where(l => l.StartsWith(name, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }
}
