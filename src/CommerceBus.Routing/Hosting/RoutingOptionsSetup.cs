using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CommerceBus.Routing.Hosting;

/// <summary>Binds <see cref="RoutingOptions"/> from <c>CommerceBus:Routing</c> without ever throwing.</summary>
/// <remarks>
/// The options monitor binds inside the configuration's change callback; a binder exception there would escape into
/// whatever triggered the reload instead of being reported. The one value that can fail to convert (IgnoreCase) is
/// reported by <see cref="Validation.RoutingSettingsShapeValidator"/>, which runs on every build of the table.
/// </remarks>
internal sealed class RoutingOptionsSetup(RoutingSection section) : IConfigureOptions<RoutingOptions>
{
    public void Configure(RoutingOptions options)
    {
        try
        {
            section.Routing.Bind(options);
        }
        catch (InvalidOperationException)
        {
            // Reported as a problem by the shape validator; the partly bound options are never compiled.
        }
    }
}
