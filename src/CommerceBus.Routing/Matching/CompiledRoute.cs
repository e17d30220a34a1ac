namespace CommerceBus.Routing.Matching;

/// <summary>A rule ready to run, with the decision it makes alone prepared in advance so first-match routing allocates nothing.</summary>
internal sealed class CompiledRoute
{
    private readonly CompiledCondition[] when;
    private readonly CompiledCondition[] any;

    public CompiledRoute(string name, TypeFilter types, CompiledCondition[] when, CompiledCondition[] any, IReadOnlyList<string> endpoints)
    {
        Name = name;
        Types = types;
        this.when = when;
        this.any = any;
        Endpoints = endpoints;
        Decision = new RouteDecision(Array.AsReadOnly([name]), endpoints, IsDefault: false, Unroutable: false);
    }

    public string Name { get; }

    public TypeFilter Types { get; }

    public IReadOnlyList<CompiledCondition> When => when;

    public IReadOnlyList<CompiledCondition> Any => any;

    /// <summary>Canonical endpoint names, de-duplicated; empty means "matched, deliver nowhere".</summary>
    public IReadOnlyList<string> Endpoints { get; }

    /// <summary>The decision when this rule decides alone.</summary>
    public RouteDecision Decision { get; }

    public bool IsMatch(RoutableMessage message, ReadOnlySpan<char> typeName)
    {
        if (!Types.Matches(message.MessageType, typeName))
        {
            return false;
        }

        foreach (var condition in when)
        {
            if (!condition.IsMatch(message))
            {
                return false;
            }
        }

        if (any.Length == 0)
        {
            return true;
        }

        foreach (var condition in any)
        {
            if (condition.IsMatch(message))
            {
                return true;
            }
        }

        return false;
    }
}
