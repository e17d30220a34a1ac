using CommerceBus.Routing;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CommerceBus.UnitTests.Routing;

public sealed class HotReloadTests : IDisposable
{
    private const string EuToErpEu = """
        { "Routes": [ { "Name": "erp", "Types": [ "BookOrder" ], "When": [ { "Field": "region", "Op": "Equals", "Value": "EU" } ], "Endpoints": [ "erp-eu" ] } ] }
        """;

    private const string EuToErpUs = """
        { "Routes": [ { "Name": "erp", "Types": [ "BookOrder" ], "When": [ { "Field": "region", "Op": "Equals", "Value": "EU" } ], "Endpoints": [ "erp-us" ] } ] }
        """;

    private const string Broken = """
        { "Mode": "Sometimes", "Routes": [ { "Name": "erp", "Types": [ "BookOrder" ], "When": [ { "Field": "region", "Op": "Equal", "Value": "EU" } ], "Endpoints": [ "erp-mars" ] } ] }
        """;

    private static readonly RoutableMessage EuOrder = Messages.Of(Messages.BookOrder("EU"));

    private readonly RoutingHost host = new(RoutingHost.Json(EuToErpEu));

    public void Dispose() => host.Dispose();

    [Fact]
    public void A_valid_change_replaces_the_table_and_is_logged()
    {
        var router = host.Router;
        Assert.Equal(["erp-eu"], router.Route(EuOrder).Endpoints);

        host.Configuration.Swap(RoutingHost.Json(EuToErpUs));

        Assert.Equal(["erp-us"], router.Route(EuOrder).Endpoints);
        var reloaded = Assert.Single(host.Log.Entries, e => e.EventId.Id == 2101);
        Assert.Equal("RouteTableReloaded", reloaded.EventId.Name);
        Assert.Equal(LogLevel.Information, reloaded.Level);
    }

    [Fact]
    public void An_invalid_change_keeps_the_last_good_table_and_logs_every_problem()
    {
        var router = host.Router;

        host.Configuration.Swap(RoutingHost.Json(Broken));

        Assert.Equal(["erp-eu"], router.Route(EuOrder).Endpoints);
        var rejected = Assert.Single(host.Log.Entries, e => e.EventId.Id == 2102);
        Assert.Equal("RouteTableReloadRejected", rejected.EventId.Name);
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Contains("3 problem(s)", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("Mode: unknown mode 'Sometimes'", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("route 'erp', When[0].Op: unknown operator 'Equal'", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("route 'erp', Endpoints[0]: endpoint 'erp-mars'", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_change_after_an_invalid_one_is_applied()
    {
        var router = host.Router;

        host.Configuration.Swap(RoutingHost.Json(Broken));
        host.Configuration.Swap(RoutingHost.Json(EuToErpUs));

        Assert.Equal(["erp-us"], router.Route(EuOrder).Endpoints);
    }

    [Fact]
    public void Removing_an_endpoint_a_rule_uses_is_rejected()
    {
        var router = host.Router;

        host.Configuration.Swap($$"""{ "CommerceBus": { "Endpoints": { "erp-us": {} }, "Routing": {{EuToErpEu}} } }""");

        Assert.Equal(["erp-eu"], router.Route(EuOrder).Endpoints);
        Assert.Contains(host.Log.Entries, e => e.EventId.Id == 2102 && e.Message.Contains("'erp-eu' is not declared", StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_that_the_binder_cannot_convert_is_rejected_without_throwing_into_the_reload()
    {
        var router = host.Router;

        host.Configuration.Swap(RoutingHost.Json("""
            { "Routes": [ { "Name": "erp", "When": [ { "Field": "region", "Op": "Equals", "Value": "EU", "IgnoreCase": "maybe" } ], "Endpoints": [ "erp-us" ] } ] }
            """));

        Assert.Equal(["erp-eu"], router.Route(EuOrder).Endpoints);
        Assert.Contains(host.Log.Entries, e => e.EventId.Id == 2102 && e.Message.Contains("'maybe' is not true or false", StringComparison.Ordinal));
    }

    [Fact]
    public void Loading_the_first_table_is_logged_with_its_size_and_mode()
    {
        _ = host.Router;

        var loaded = Assert.Single(host.Log.Entries, e => e.EventId.Id == 2100);
        Assert.Equal("Routing table loaded: 1 rule(s), mode FirstMatch, default route none (unroutable)", loaded.Message);
    }
}
