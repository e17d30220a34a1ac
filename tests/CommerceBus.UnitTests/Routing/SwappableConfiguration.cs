using System.Text;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.UnitTests.Routing;

/// <summary>
/// A configuration source whose whole content a test replaces with new JSON; the change token fires synchronously,
/// the way a reloaded appsettings.json does, so reload tests need no waiting.
/// </summary>
internal sealed class SwappableConfiguration : IConfigurationSource
{
    private readonly Provider provider;

    public SwappableConfiguration(string json)
    {
        provider = new Provider();
        provider.Replace(json, notify: false);
        Root = new ConfigurationBuilder().Add(this).Build();
    }

    public IConfigurationRoot Root { get; }

    public IConfigurationSection CommerceBus => Root.GetSection("CommerceBus");

    public void Swap(string json) => provider.Replace(json, notify: true);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;

    private sealed class Provider : ConfigurationProvider
    {
        public void Replace(string json, bool notify)
        {
            // Parse with the real JSON provider so empty arrays and objects bind exactly as they do from a file.
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            var parsed = new ConfigurationBuilder().AddJsonStream(stream).Build();
            Data = parsed.AsEnumerable().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
            if (notify)
            {
                OnReload();
            }
        }
    }
}
