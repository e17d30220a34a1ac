namespace CommerceBus.Bench.Bus.Memory;

/// <summary>A process's memory as Linux reports it: resident set (VmRSS) and private bytes (smaps_rollup Private_*), in MB.</summary>
internal sealed record ProcessMemory(double WorkingSetMb, double PrivateMb)
{
    public static ProcessMemory Read(int pid)
    {
        var rss = Kb($"/proc/{pid}/status", "VmRSS:");
        var rollup = $"/proc/{pid}/smaps_rollup";
        var priv = Kb(rollup, "Private_Clean:") + Kb(rollup, "Private_Dirty:");
        return new ProcessMemory(rss / 1024.0, priv / 1024.0);
    }

    private static long Kb(string file, string field) =>
        File.ReadLines(file)
            .Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => long.Parse(l[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
