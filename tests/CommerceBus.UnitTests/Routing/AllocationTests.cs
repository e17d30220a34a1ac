using CommerceBus.Routing;
using Xunit;
using static CommerceBus.UnitTests.Routing.Rules;

namespace CommerceBus.UnitTests.Routing;

/// <summary>Routing is on the path of every message: in first-match mode it allocates nothing, whatever the conditions.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void FirstMatch_routing_allocates_nothing_per_message()
    {
        var table = Table(
            Rule("eu", types: ["BookOrder.v1", "CancelBooking"], when: [Field("Region", "Equals", "EU")], endpoints: ["erp-eu"]),
            Rule("us", types: ["BookOrder"], when: [Field("region", "In", values: ["US", "APAC"], ignoreCase: true)], endpoints: ["erp-us"]),
            Rule("digital", types: ["BookShipment"], when: [Field("lines[*].sku", "Prefix", "dig-", quantifier: "All", ignoreCase: true)]),
            Rule("big", when: [Field("total", "GreaterThan", "1000"), Field("orderNumber", "Contains", "SO")], endpoints: ["payments"]),
            Rule("priority", when: [Header("X-PRIORITY", "Equals", "high")], any: [Field("lines[0].sku", "Exists"), Field("shipTo.country", "NotIn", values: ["GB"])], endpoints: ["priority"]));
        var headers = Messages.Headers(("x-priority", "high"));
        RoutableMessage[] messages =
        [
            Messages.Of(Messages.BookOrder("apac"), headers),
            Messages.Of(Messages.BookOrder("LATAM", 5000m), headers),
            Messages.Of(Messages.BookShipment("DIG-1", "DIG-2"), headers),
            Messages.Of(Messages.BookShipment("BOOK-1"), headers),
        ];
        foreach (var message in messages)
        {
            table.Route(message);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var message in messages)
            {
                table.Route(message);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(["us", "big", "digital", "priority"], messages.Select(m => table.Route(m).Routes.Single()));
    }
}
