using Microsoft.Extensions.Configuration;

namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>
/// The layouts that ship with the adapter, kept as configuration files (<c>Layouts/BuiltIn/*.json</c>) in the very shape
/// an integration engineer writes under <c>CommerceBus:Adapters:Tcp:Layouts</c>.
/// </summary>
internal static class BuiltInLayouts
{
    /// <summary>The store terminals' records of <c>contracts/wire/legacy-tcp.md</c>.</summary>
    public const string LegacyTerminal = "legacy-terminal";

    /// <summary>The legacy shipping system's records of <c>contracts/demo/legacy-shipping.md</c>.</summary>
    public const string LegacyShipping = "legacy-shipping";

    public static IReadOnlyList<string> Names { get; } = [LegacyTerminal, LegacyShipping];

    public static RecordLayoutSetOptions Load(string name)
    {
        var resource = $"CommerceBus.Adapters.Tcp.Layouts.{name}.json";
        using var stream = typeof(BuiltInLayouts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The built-in layout '{name}' is missing from the assembly ({resource}).");
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        var set = new RecordLayoutSetOptions();
        configuration.Bind(set);
        return set;
    }
}
