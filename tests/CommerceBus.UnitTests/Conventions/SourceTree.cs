using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CommerceBus.UnitTests.Conventions;

/// <summary>
/// The repository's projects and C# files as the architecture tests read them: project references and package
/// references from the <c>.csproj</c> files, namespace dependencies from the <c>using</c> lines.
/// </summary>
internal static partial class SourceTree
{
    /// <summary>The repository's root: the directory holding CommerceBus.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every project of the product (src, adapters, modules, contracts, samples), by name.</summary>
    public static IReadOnlyDictionary<string, Project> Projects { get; } = LoadProjects();

    /// <summary>The namespaces a C# file's <c>using</c> lines name.</summary>
    public static IEnumerable<string> UsingsOf(string file) =>
        UsingLine().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value);

    /// <summary>The C# files of a project, without its build output.</summary>
    public static IEnumerable<string> SourceFilesOf(Project project) =>
        Directory.EnumerateFiles(project.Directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The projects <paramref name="name"/> references, directly or through others.</summary>
    public static IReadOnlySet<string> Closure(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var next))
        {
            foreach (var reference in Projects[next].References)
            {
                if (seen.Add(reference))
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    /// <summary>The cycles of a directed graph, each as the path that closes it (a -> b -> a); empty when there is none.</summary>
    public static IReadOnlyList<string> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var cycles = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();

        void Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in (graph.TryGetValue(node, out var targets) ? targets : new HashSet<string>()).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    cycles.Add(string.Join(" -> ", path.Skip(path.IndexOf(next)).Append(next)));
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal).Where(n => state.GetValueOrDefault(n) == 0))
        {
            Visit(node);
        }

        return cycles;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CommerceBus.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CommerceBus.sln above {AppContext.BaseDirectory}.");
    }

    private static Dictionary<string, Project> LoadProjects()
    {
        string[] folders = ["src", "adapters", "modules", "contracts", "samples"];
        return folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories))
            .Select(Project.Load)
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^using\s+(?:static\s+)?([A-Za-z_][\w.]*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    /// <summary>One project: where it is, the projects and packages it references and its friends (InternalsVisibleTo).</summary>
    internal sealed record Project(string Name, string Directory, IReadOnlySet<string> References, IReadOnlySet<string> Packages, IReadOnlySet<string> Friends)
    {
        public static Project Load(string path)
        {
            var xml = XDocument.Load(path);
            IReadOnlySet<string> Items(string item, Func<string, string> name) =>
                xml.Descendants(item).Select(e => (string?)e.Attribute("Include")).OfType<string>().Select(name).ToHashSet(StringComparer.Ordinal);

            return new Project(
                Path.GetFileNameWithoutExtension(path),
                Path.GetDirectoryName(path)!,
                Items("ProjectReference", include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/'))),
                Items("PackageReference", include => include),
                Items("InternalsVisibleTo", include => include));
        }
    }
}
