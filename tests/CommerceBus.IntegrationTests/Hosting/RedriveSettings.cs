using System.Globalization;

namespace CommerceBus.IntegrationTests.Hosting;

/// <summary>
/// Settings for a hub that re-drives stalled orders soon: <c>RedriveStalledAfter</c>, and every endpoint's delayed
/// retries short enough to end before it with the scheduler's polling (1 s) added (the hub refuses to start otherwise:
/// a healthy retry chain would outlast every stall period).
/// </summary>
public static class RedriveSettings
{
    /// <summary>The endpoints of the hub's appsettings.json.</summary>
    public static readonly string[] Endpoints = ["order-fulfillment", "inventory", "payments", "erp-eu", "erp-us", "shipping"];

    /// <summary>Re-drive after <paramref name="stalledAfter"/>; every endpoint retries after each of <paramref name="delayed"/>.</summary>
    public static Dictionary<string, string?> With(TimeSpan stalledAfter, params TimeSpan[] delayed)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter"] = stalledAfter.ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var endpoint in Endpoints)
        {
            for (var i = 0; i < delayed.Length; i++)
            {
                settings[$"CommerceBus:Endpoints:{endpoint}:Retries:Delayed:{i}"] = delayed[i].ToString("c", CultureInfo.InvariantCulture);
            }
        }

        return settings;
    }
}
