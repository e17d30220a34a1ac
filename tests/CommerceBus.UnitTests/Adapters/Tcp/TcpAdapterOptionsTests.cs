using CommerceBus.Adapters.Tcp;
using CommerceBus.Adapters.Tcp.Framing;
using CommerceBus.Adapters.Tcp.Layouts;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Tcp;

public sealed class TcpAdapterOptionsTests
{
    [Fact]
    public void Defaults_are_the_contract_listener_with_the_built_in_layouts()
    {
        var options = new TcpAdapterOptions();

        var terminals = Assert.Single(options.Listeners).Value;
        Assert.Equal((5090, TcpFraming.Lf, TcpCodec.FixedWidth, "legacy-terminal", 4096), (terminals.Port, terminals.Framing, terminals.Codec, terminals.Layout, terminals.MaxRecordBytes));
        Assert.Equal([BuiltInLayouts.LegacyShipping, BuiltInLayouts.LegacyTerminal], options.Layouts.Keys.Order(StringComparer.Ordinal));
        Assert.True(new TcpAdapterOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(false, "None", true)]
    [InlineData(true, "None", false)]
    [InlineData(true, "Allow", false)]
    [InlineData(true, "Require", true)]
    public void With_credentials_configured_every_enabled_listener_must_require_client_certificates(bool credentials, string mode, bool valid)
    {
        var options = Bind(new()
        {
            ["Listeners:terminals:Tls:CertificatePath"] = mode == "None" ? null : "/etc/commercebus/terminals.pfx",
            ["Listeners:terminals:Tls:ClientCertificate"] = mode,
            ["Listeners:off:Enabled"] = "false",
            ["Listeners:off:Port"] = "6001",
        });

        var result = new TcpAdapterOptionsValidator(new Credentials(credentials)).Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            var failure = Assert.Single(result.Failures!);
            Assert.Contains("CommerceBus:Adapters:Tcp:Listeners:terminals:Tls:ClientCertificate to Require", failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Configuration_changes_what_it_names_and_adds_listeners_and_record_types()
    {
        var options = Bind(new()
        {
            ["Listeners:terminals:Port"] = "6000",
            ["Listeners:json:Codec"] = "JsonLines",
            ["Listeners:json:Port"] = "6001",
            ["Layouts:legacy-terminal:Records:ORD:Fields:shipTo.name:Length"] = "29",
            ["Layouts:legacy-terminal:Records:QRY:Message"] = "GetStatus",
            ["Layouts:legacy-terminal:Records:QRY:Length"] = "15",
            ["Layouts:legacy-terminal:Records:QRY:Fields:orderNumber:Position"] = "4",
            ["Layouts:legacy-terminal:Records:QRY:Fields:orderNumber:Length"] = "12",
        });

        Assert.Equal((6000, "localhost"), (options.Listeners["terminals"].Port, options.Listeners["terminals"].Address));
        Assert.Equal(TcpCodec.JsonLines, options.Listeners["json"].Codec);
        var ord = options.Layouts["legacy-terminal"].Records["ORD"];
        Assert.Equal((33, 29), (ord.Fields["shipTo.name"].Position, ord.Fields["shipTo.name"].Length));
        Assert.Equal(9, ord.Fields.Count);
        Assert.Equal(7, options.Layouts["legacy-terminal"].Records.Count);
        Assert.True(new TcpAdapterOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Unusable_listener_settings_are_all_reported_naming_the_setting()
    {
        var options = Bind(new()
        {
            ["Listeners:terminals:Address"] = "somewhere",
            ["Listeners:terminals:Port"] = "70000",
            ["Listeners:terminals:Layout"] = "missing",
            ["Listeners:other:Port"] = "6000",
            ["Listeners:third:Port"] = "6000",
            ["Listeners:third:Framing"] = "LengthPrefixed",
            ["Listeners:third:LengthPrefixBytes"] = "3",
            ["Listeners:third:MaxRecordBytes"] = "100",
            ["Listeners:third:IdleTimeout"] = "00:00:00",
        });

        var failures = new TcpAdapterOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("CommerceBus:Adapters:Tcp:Listeners:terminals:Address 'somewhere' must be localhost, any, or an IP address", failures);
        Assert.Contains("CommerceBus:Adapters:Tcp:Listeners:terminals:Port must be 0-65535 (was 70000)", failures);
        Assert.Contains(failures, f => f.StartsWith("CommerceBus:Adapters:Tcp:Listeners:terminals:Layout 'missing' is not a layout set", StringComparison.Ordinal));
        Assert.Contains("CommerceBus:Adapters:Tcp:Listeners: other and third both listen on port 6000", failures);
        Assert.Contains("CommerceBus:Adapters:Tcp:Listeners:third:LengthPrefixBytes must be 2 or 4 (was 3)", failures);
        Assert.Contains("CommerceBus:Adapters:Tcp:Listeners:third:MaxRecordBytes 100 is shorter than the longest record of layout 'legacy-terminal' (648)", failures);
        Assert.Contains("CommerceBus:Adapters:Tcp:Listeners:third: IdleTimeout, RecordTimeout and WriteTimeout must be positive", failures);
    }

    [Fact]
    public void Terminal_layout_without_its_replies_is_reported()
    {
        var options = Bind(new()
        {
            ["Listeners:terminals:Layout"] = "bare",
            ["Layouts:bare:Records:STA:Message"] = "GetStatus",
            ["Layouts:bare:Records:STA:Length"] = "15",
        });

        var failures = new TcpAdapterOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("CommerceBus:Adapters:Tcp:Listeners:terminals:Layout 'bare' must have exactly one record with Message Ack (has 0)", failures);
        Assert.Contains("CommerceBus:Adapters:Tcp:Listeners:terminals:Layout 'bare' must have exactly one record with Message Nak (has 0)", failures);
    }

    private static TcpAdapterOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new TcpAdapterOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().Bind(options);
        return options;
    }

    /// <summary>Only whether credentials are configured: what the validator asks of the hub's security module.</summary>
    private sealed class Credentials(bool configured) : CommerceBus.Abstractions.Inbound.ICertificateClients
    {
        public bool CredentialsConfigured => configured;

        public string? ClientOf(System.Security.Cryptography.X509Certificates.X509Certificate certificate) => null;

        public Task<bool> MayUseIntakeAsync(string clientId) => Task.FromResult(false);
    }
}
