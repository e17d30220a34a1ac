using CommerceBus.Adapters.Tcp.Layouts;

namespace CommerceBus.Adapters.Tcp;

/// <summary>Options of the TCP adapter (configuration <c>CommerceBus:Adapters:Tcp</c>): its listeners and record layouts.</summary>
/// <remarks>
/// Both dictionaries start with the defaults and configuration is bound over them: a setting changes the default
/// listener or layout it names, and a new key adds a listener or a layout set.
/// </remarks>
public sealed class TcpAdapterOptions
{
    /// <summary>The listener of <c>contracts/wire/legacy-tcp.md</c>: port 5090, LF framing, fixed-width records.</summary>
    public const string DefaultListener = "terminals";

    public Dictionary<string, TcpListenerOptions> Listeners { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [DefaultListener] = new(),
    };

    /// <summary>Record layout sets by name; <c>legacy-terminal</c> and <c>legacy-shipping</c> are built in.</summary>
    public Dictionary<string, RecordLayoutSetOptions> Layouts { get; set; } =
        BuiltInLayouts.Names.ToDictionary(n => n, BuiltInLayouts.Load, StringComparer.OrdinalIgnoreCase);
}
