using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace CommerceBus.IntegrationTests.Hosting;

/// <summary>
/// A JSON settings file in a folder of its own that the hub watches with <c>reloadOnChange</c>, the way it watches
/// appsettings.json: rewriting it is a real hot reload through the file watcher.
/// </summary>
public sealed class ReloadableSettings : IDisposable
{
    private const string FileName = "reloadable.json";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "commercebus-tests", "reload-" + Guid.NewGuid().ToString("N"));

    public ReloadableSettings(string json)
    {
        Directory.CreateDirectory(_directory);
        Write(json);
    }

    /// <summary>
    /// Replaces the file's content in one step (written beside it, then renamed over it), so the watcher never reads
    /// half a file, which the JSON provider would load as an empty one.
    /// </summary>
    public void Write(string json)
    {
        var next = Path.Combine(_directory, FileName + ".next");
        File.WriteAllText(next, json);
        File.Move(next, Path.Combine(_directory, FileName), overwrite: true);
    }

    private readonly List<PhysicalFileProvider> _providers = [];

    public void AddTo(IConfigurationBuilder configuration)
    {
        // The configuration does not dispose a provider it was given: this class does, which ends its file watcher.
        var provider = new PhysicalFileProvider(_directory);
        _providers.Add(provider);
        configuration.AddJsonFile(provider, FileName, optional: false, reloadOnChange: true);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The watcher may still hold the folder for an instant; it is under the temp folder either way.
        }
    }
}
