using CommerceBus.Routing.Matching;

namespace CommerceBus.Routing.Validation;

/// <summary>The mode is FirstMatch, Multicast, or absent (FirstMatch).</summary>
internal sealed class RoutingModeValidator : IRoutingValidator
{
    public void Validate(RoutingOptions options, RoutingValidationContext context)
    {
        if (!RoutingModes.TryParse(options.Mode, out _))
        {
            context.Add(null, nameof(RoutingOptions.Mode), $"unknown mode '{options.Mode}'; expected FirstMatch or Multicast");
        }
    }
}
