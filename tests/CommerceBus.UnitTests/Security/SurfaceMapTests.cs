using CommerceBus.Security;
using CommerceBus.Security.Surfaces;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CommerceBus.UnitTests.Security;

public sealed class SurfaceMapTests
{
    private static readonly SurfaceMap Map = SurfaceMap.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["CommerceBus:Proxy:Routes:quotes:PathPrefix"] = "/legacy/quotes",
        ["CommerceBus:Proxy:Routes:quotes:Policy"] = "intake",
        ["CommerceBus:Proxy:Routes:erp:PathPrefix"] = "/proxy/erp",
    }).Build());

    [Theory]
    [InlineData("/api/orders", SecurityPolicies.Intake)]
    [InlineData("/api/orders/A-1/cancel", SecurityPolicies.Intake)]
    [InlineData("/soap/OrderService", SecurityPolicies.Intake)]
    [InlineData("/odata/Orders", SecurityPolicies.Query)]
    [InlineData("/odata/$metadata", SecurityPolicies.Query)]
    [InlineData("/odata/Messages", SecurityPolicies.Operator)]
    [InlineData("/odata/FailedMessages(3)", SecurityPolicies.Operator)]
    [InlineData("/ODATA/failedmessages/$count", SecurityPolicies.Operator)]
    [InlineData("/odata/MessagesAndMore", SecurityPolicies.Query)]
    [InlineData("/api/failed-messages/3/retry", SecurityPolicies.Operator)]
    [InlineData("/api/routes/explain", SecurityPolicies.Operator)]
    [InlineData("/hangfire/jobs/scheduled", SecurityPolicies.Dashboard)]
    [InlineData("/openapi/v1.json", SecurityPolicies.Operator)]
    [InlineData("/metrics", SecurityPolicies.Operator)]
    [InlineData("/legacy/quotes/Svc", SecurityPolicies.Intake)]
    [InlineData("/proxy/erp/LegacyErp", SecurityPolicies.Operator)]
    [InlineData("/api/ordersX", SecurityPolicies.AnyClient)]
    [InlineData("/", SecurityPolicies.AnyClient)]
    public void A_path_takes_the_policy_of_the_longest_surface_that_covers_it(string path, string policy) =>
        Assert.Equal(policy, Map.Find(path).Policy);

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public void Health_needs_no_policy(string path) => Assert.Null(Map.Find(path).Policy);
}
