namespace CommerceBus.Routing.Validation;

/// <summary>What a routing setting holds in configuration.</summary>
internal enum ShapeKind
{
    Value,
    Boolean,
    List,
    Object,
}
