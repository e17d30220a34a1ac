using System.Globalization;

namespace CommerceBus.Bench.Bus.Memory;

/// <summary>
/// Where a process's resident set is, from <c>/proc/PID/smaps</c>: managed assemblies mapped from their files, native
/// libraries, the runtime's double-mapped executable memory (JIT code and loader heaps under W^X, <c>memfd:doublemapper</c>),
/// and anonymous memory (the GC heap, native allocations, thread stacks); plus the largest assemblies.
/// </summary>
internal static class MemoryBreakdown
{
    public static string Describe(int pid)
    {
        var byCategory = new Dictionary<string, long>();
        var byFile = new Dictionary<string, long>();
        string? path = null;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            // A mapping's header: "start-end perms offset dev inode [path]"; its fields follow as "Name: value kB".
            var header = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (header.Length >= 5 && header[0].Contains('-', StringComparison.Ordinal) && header[0].All(c => c == '-' || char.IsAsciiHexDigit(c)))
            {
                path = header.Length >= 6 ? string.Join(' ', header[5..]) : "";
                continue;
            }

            if (path is not null && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line[4..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                var category = path switch
                {
                    _ when path.EndsWith(".dll", StringComparison.Ordinal) => "managed assemblies (.dll files)",
                    _ when path.Contains(".so", StringComparison.Ordinal) => "native libraries (.so)",
                    _ when path.Contains("doublemapper", StringComparison.Ordinal) => "JIT code and loader heaps (memfd:doublemapper)",
                    "" or "[heap]" => "anonymous (GC heap, native heap, stacks)",
                    _ => "other (" + (path.StartsWith('[') ? path : "files") + ")",
                };
                byCategory[category] = byCategory.GetValueOrDefault(category) + kb;
                if (path.EndsWith(".dll", StringComparison.Ordinal))
                {
                    var name = Path.GetFileName(path);
                    byFile[name] = byFile.GetValueOrDefault(name) + kb;
                }
            }
        }

        var categories = string.Join("; ", byCategory.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value / 1024.0:N1} MB")));
        var files = string.Join(", ", byFile.OrderByDescending(f => f.Value).Take(12).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {f.Value / 1024.0:N1}")));
        return $"{categories}. Largest assemblies (MB resident): {files}.";
    }
}
