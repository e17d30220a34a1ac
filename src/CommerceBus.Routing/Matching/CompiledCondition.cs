namespace CommerceBus.Routing.Matching;

/// <summary>A condition ready to run: its path or header, operator and quantifier parsed when the table was built.</summary>
internal sealed class CompiledCondition
{
    private readonly FieldPath? path;
    private readonly string? header;
    private readonly ValuePredicate predicate;
    private readonly bool all;

    public CompiledCondition(FieldPath? path, string? header, ValuePredicate predicate, bool all)
    {
        this.path = path;
        this.header = header;
        this.predicate = predicate;
        this.all = all;
        Description = ConditionText.Describe(path?.Text ?? $"header {header}", predicate, all);
    }

    /// <summary>The condition as explanations show it, e.g. <c>lines[*].sku Prefix 'DIG-' (All)</c>.</summary>
    public string Description { get; }

    public bool IsMatch(RoutableMessage message)
    {
        // A header has exactly one value, for which Any and All agree.
        if (path is null)
        {
            return predicate.Test(HeaderLookup.Find(message.Headers, header!));
        }

        var visitor = new MatchVisitor(predicate, all);
        path.Visit(message.Body, ref visitor);
        return visitor.Result;
    }

    /// <summary>Evaluates like <see cref="IsMatch"/> but sees every value, and says what it saw.</summary>
    public bool Explain(RoutableMessage message, out string reason)
    {
        var values = new List<RouteValue>();
        if (path is null)
        {
            values.Add(HeaderLookup.Find(message.Headers, header!));
        }
        else
        {
            var collect = new CollectVisitor(values);
            path.Visit(message.Body, ref collect);
        }

        var visitor = new MatchVisitor(predicate, all);
        foreach (var value in values)
        {
            if (!visitor.Visit(value))
            {
                break;
            }
        }

        reason = $"{Description}: was {ConditionText.Show(values, path?.HasWildcard == true)}";
        return visitor.Result;
    }
}
