using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.Security;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>A hub with API key clients of each role, as a deployment configures them: nothing answers anonymously.</summary>
public sealed class KeyedHubFixture : TestHubFixture
{
    /// <summary>A web shop: places orders and asks their status.</summary>
    public const string Shop = "shop";

    /// <summary>A reporting tool: queries orders without personal data.</summary>
    public const string Analyst = "analyst";

    /// <summary>Customer service: reads names and addresses.</summary>
    public const string Privacy = "privacy";

    /// <summary>The operations team.</summary>
    public const string Ops = "ops";

    public override async Task InitializeAsync() => Started(await TestHub.StartAsync(TestClients.Settings(
        (Shop, [SecurityRoles.Intake]),
        (Analyst, [SecurityRoles.Query]),
        (Privacy, [SecurityRoles.Pii]),
        (Ops, [SecurityRoles.Operator]))));
}
