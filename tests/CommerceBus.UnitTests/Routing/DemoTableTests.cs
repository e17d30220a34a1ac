using CommerceBus.Contracts.Orders;
using CommerceBus.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.UnitTests.Routing;

/// <summary>The demo table from configuration JSON, through the same registration the host uses.</summary>
public sealed class DemoTableTests : IDisposable
{
    private readonly ServiceProvider services;
    private readonly IMessageRouter router;

    public DemoTableTests()
    {
        var configuration = new SwappableConfiguration(DemoConfiguration.Json);
        services = new ServiceCollection().AddLogging().AddCommerceBusRouting(configuration.CommerceBus).BuildServiceProvider();
        router = services.GetRequiredService<IMessageRouter>();
    }

    public void Dispose() => services.Dispose();

    [Fact]
    public void Region_EU_routes_BookOrder_to_erp_eu()
    {
        var decision = router.Route(Messages.Of(Messages.BookOrder("EU")));

        Assert.Equal(["erp-eu"], decision.Routes);
        Assert.Equal(["erp-eu"], decision.Endpoints);
        Assert.False(decision.IsDefault);
        Assert.False(decision.Unroutable);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("APAC")]
    public void Region_US_or_APAC_routes_BookOrder_to_erp_us(string region)
    {
        var decision = router.Route(Messages.Of(Messages.BookOrder(region)));

        Assert.Equal(["erp-us"], decision.Routes);
        Assert.Equal(["erp-us"], decision.Endpoints);
    }

    [Fact]
    public void CancelBooking_is_routed_by_region_like_BookOrder() =>
        Assert.Equal(["erp-eu"], router.Route(Messages.Of(Messages.CancelBooking("EU"))).Endpoints);

    [Fact]
    public void BookOrder_of_an_unknown_region_is_unroutable_without_a_default_route()
    {
        var decision = router.Route(Messages.Of(Messages.BookOrder("LATAM")));

        Assert.True(decision.Unroutable);
        Assert.Empty(decision.Routes);
        Assert.Empty(decision.Endpoints);
    }

    [Fact]
    public void BookShipment_of_digital_goods_only_matches_the_skip_rule_and_goes_nowhere()
    {
        var decision = router.Route(Messages.Of(Messages.BookShipment("DIG-EBOOK-1", "DIG-MP3-2")));

        Assert.Equal(["digital-goods-skip-shipping"], decision.Routes);
        Assert.Empty(decision.Endpoints);
        Assert.False(decision.Unroutable);
        Assert.False(decision.IsDefault);
    }

    [Fact]
    public void BookShipment_of_mixed_goods_goes_to_shipping()
    {
        var decision = router.Route(Messages.Of(Messages.BookShipment("DIG-EBOOK-1", "BOOK-2")));

        Assert.Equal(["shipping"], decision.Routes);
        Assert.Equal(["shipping"], decision.Endpoints);
    }

    [Fact]
    public void BookShipment_with_no_lines_is_not_all_digital_and_goes_to_shipping() =>
        Assert.Equal(["shipping"], router.Route(Messages.Of(Messages.BookShipment())).Endpoints);

    [Fact]
    public void PlaceOrder_goes_to_order_fulfillment() =>
        Assert.Equal(["order-fulfillment"], router.Route(Messages.Of(new PlaceOrder { OrderNumber = "SO-1", Region = "EU" })).Endpoints);

    [Fact]
    public void High_priority_header_routes_a_message_no_earlier_rule_takes_to_priority()
    {
        var decision = router.Route(Messages.Of(Messages.CapturePayment(10m), Messages.Headers(("X-Priority", "high"))));

        Assert.Equal(["priority-header-example"], decision.Routes);
        Assert.Equal(["priority"], decision.Endpoints);
    }

    [Fact]
    public void Empty_Endpoints_array_in_json_binds_to_an_empty_list()
    {
        var options = services.GetRequiredService<IOptions<RoutingOptions>>().Value;

        Assert.NotNull(options.Routes[3].Endpoints);
        Assert.Empty(options.Routes[3].Endpoints);
        Assert.Equal(["PlaceOrder", "CancelOrder"], options.Routes[0].Types);
    }
}
