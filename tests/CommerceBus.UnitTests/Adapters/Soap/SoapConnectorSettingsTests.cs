using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Outbound;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

public sealed class SoapConnectorSettingsTests
{
    [Fact]
    public void Defaults_are_SOAP_11_and_30_seconds()
    {
        var settings = From(Section(("Address", "http://localhost:5101/LegacyErp/BookingService"), ("Contract", "legacy-erp")));

        Assert.Equal(SoapVersion.Soap11, settings.Binding);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
    }

    [Fact]
    public void Every_setting_is_read()
    {
        var settings = From(Section(("Address", "https://erp/x"), ("Contract", "Legacy-ERP"), ("Binding", "soap12"), ("TimeoutSeconds", "5"), ("MaxResponseBytes", "4096")));

        Assert.Equal((new Uri("https://erp/x"), TimeSpan.FromSeconds(5), SoapVersion.Soap12, 4096), (settings.Address, settings.Timeout, settings.Binding, settings.MaxResponseBytes));
    }

    [Fact]
    public void Every_bad_setting_is_named_at_once()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(Section(("Address", "ftp://erp"), ("Binding", "1"), ("TimeoutSeconds", "0"))));

        Assert.Contains("Address 'ftp://erp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Binding '1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("TimeoutSeconds '0'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_address_is_named() =>
        Assert.Contains("Address is missing", Assert.Throws<InvalidOperationException>(() => From(Section())).Message, StringComparison.Ordinal);

    [Fact]
    public void Missing_or_unknown_contract_is_named_with_the_registered_ones()
    {
        Assert.Contains("Contract is missing", Assert.Throws<InvalidOperationException>(() => From(Section(("Address", "http://erp/x")))).Message, StringComparison.Ordinal);
        Assert.Contains(
            "Contract 'billing' is not a registered SOAP contract (registered: legacy-erp)",
            Assert.Throws<InvalidOperationException>(() => From(Section(("Address", "http://erp/x"), ("Contract", "billing")))).Message,
            StringComparison.Ordinal);
    }

    private static SoapConnectorSettings From(IConfigurationSection section) => SoapConnectorSettings.From(section, ["legacy-erp"]);

    private static IConfigurationSection Section(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("E:" + v.Key, v.Value)))
            .Build()
            .GetSection("E");
}
