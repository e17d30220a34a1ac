using CommerceBus.Contracts;

namespace CommerceBus.Core.Pipeline;

/// <summary>The registered <see cref="IStatusSource"/>s, found by family or by the canonical name of a command type.</summary>
internal sealed class StatusSources
{
    private readonly Dictionary<string, IStatusSource> _byFamily;
    private readonly Dictionary<string, IStatusSource> _byMessageType;

    public StatusSources(IEnumerable<IStatusSource> sources)
    {
        _byFamily = new(StringComparer.Ordinal);
        _byMessageType = new(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (!_byFamily.TryAdd(source.Family, source))
            {
                throw new InvalidOperationException($"Two status sources answer for family '{source.Family}'; register one per family.");
            }

            foreach (var type in source.CommandTypes)
            {
                _byMessageType[CanonicalTypes.NameOf(type)] = source;
            }
        }
    }

    /// <summary>The family's source.</summary>
    /// <exception cref="InvalidOperationException">No module registered one.</exception>
    public IStatusSource For(string family) =>
        _byFamily.GetValueOrDefault(family)
            ?? throw new InvalidOperationException($"No module answers status queries for family '{family}': register its IStatusSource (the order business does with AddOrderFulfillment).");

    /// <summary>The source of the family whose key a command of <paramref name="messageType"/> names, if any.</summary>
    public IStatusSource? ForMessageType(string messageType) => _byMessageType.GetValueOrDefault(messageType);
}
