namespace CommerceBus.Routing.Matching;

/// <summary>The operators a condition can apply; parsed once from <see cref="RouteCondition.Op"/> when the table is built.</summary>
internal enum ConditionOperator
{
    EqualTo,
    NotEqualTo,
    In,
    NotIn,
    Prefix,
    Contains,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
    Exists,
    NotExists,
}
