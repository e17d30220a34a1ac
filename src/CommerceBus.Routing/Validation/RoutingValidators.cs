namespace CommerceBus.Routing.Validation;

/// <summary>Runs every routing validator over a table and gathers all their problems.</summary>
internal static class RoutingValidators
{
    private static readonly IRoutingValidator[] All =
    [
        new RoutingModeValidator(),
        new RouteNameValidator(),
        new RouteTypesValidator(),
        new RouteConditionValidator(),
        new RouteEndpointsValidator(),
    ];

    public static IReadOnlyList<RoutingProblem> Validate(RoutingOptions options, IReadOnlyCollection<string> knownEndpoints)
    {
        var context = new RoutingValidationContext(knownEndpoints);
        foreach (var validator in All)
        {
            validator.Validate(options, context);
        }

        return context.Problems;
    }
}
