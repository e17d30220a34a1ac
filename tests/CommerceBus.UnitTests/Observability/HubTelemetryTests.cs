using System.Diagnostics.Metrics;
using System.Reflection;
using CommerceBus.Abstractions.Diagnostics;
using Xunit;

namespace CommerceBus.UnitTests.Observability;

/// <summary>The hub's instruments are named for the hub, so Prometheus shows them under <c>commercebus_</c>.</summary>
public sealed class HubTelemetryTests
{
    [Fact]
    public void Every_instrument_of_the_hub_is_named_commercebus_and_has_a_unit_and_a_description()
    {
        var instruments = typeof(HubTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => typeof(Instrument).IsAssignableFrom(f.FieldType))
            .Select(f => (Instrument)f.GetValue(null)!)
            .ToList();

        Assert.NotEmpty(instruments);
        Assert.All(instruments, i =>
        {
            Assert.StartsWith("commercebus.", i.Name, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(i.Unit), $"{i.Name} has a unit");
            Assert.False(string.IsNullOrEmpty(i.Description), $"{i.Name} has a description");
            Assert.Equal(HubTelemetry.Name, i.Meter.Name);
        });
    }
}
