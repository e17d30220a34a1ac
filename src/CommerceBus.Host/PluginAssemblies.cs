using System.Reflection;
using System.Runtime.Loader;
using CommerceBus.Abstractions.Hosting;

namespace CommerceBus.Host;

/// <summary>Finds the <see cref="ICommerceBusPlugin"/>s of an assembly the host does not reference, if it was deployed beside the host.</summary>
/// <remarks>
/// An assembly the application's dependency file lists (a build that references it, or a test that does) loads by name.
/// One that is only a file beside the host (a test starting the host's own dll from its output folder) loads from that
/// file, its own dependencies from the same folder.
/// </remarks>
internal static class PluginAssemblies
{
    /// <summary>The plug-ins <paramref name="assemblyName"/> exports, or null when the assembly is not deployed.</summary>
    public static IReadOnlyList<ICommerceBusPlugin>? Load(string assemblyName)
    {
        var assembly = Find(assemblyName);
        if (assembly is null)
        {
            return null;
        }

        return [.. assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommerceBusPlugin).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (ICommerceBusPlugin)Activator.CreateInstance(t)!)];
    }

    private static Assembly? Find(string assemblyName)
    {
        try
        {
            return Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (FileNotFoundException)
        {
            var file = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
            if (!File.Exists(file))
            {
                return null;
            }

            AssemblyLoadContext.Default.Resolving += FromHostFolder;
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
        }
    }

    private static Assembly? FromHostFolder(AssemblyLoadContext context, AssemblyName name)
    {
        var file = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
        return File.Exists(file) ? context.LoadFromAssemblyPath(file) : null;
    }
}
