namespace CommerceBus.Contracts;

/// <summary>Names a canonical message and its contract version, independent of its CLR type name.</summary>
/// <remarks>
/// Routes match on <see cref="Name"/> (any version) or on <c>Name.vN</c> (one version), so a v2 contract can sit
/// beside v1 while routes migrate.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CanonicalMessageAttribute(string name, int version) : Attribute
{
    public string Name { get; } = name;

    public int Version { get; } = version;

    public string VersionedName => $"{Name}.v{Version}";
}
