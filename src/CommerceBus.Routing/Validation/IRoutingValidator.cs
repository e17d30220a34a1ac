namespace CommerceBus.Routing.Validation;

/// <summary>Checks one kind of routing setting and reports every problem it finds to the context, never stopping at the first.</summary>
internal interface IRoutingValidator
{
    void Validate(RoutingOptions options, RoutingValidationContext context);
}
