using System.Globalization;
using CommerceBus.IntegrationTests.Hosting;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// A hub whose extra listeners and layouts come from configuration only, the way an integration engineer adds them:
/// a JSON-lines listener, a length-prefixed listener, a listener with a layout of its own (two-character record types,
/// other positions), and a record type added to the built-in terminal layout.
/// </summary>
public sealed class TcpConfiguredListenersFixture : TestHubFixture
{
    public const string Json = "json";
    public const string Prefixed = "prefixed";
    public const string Custom = "custom";

    private const string Tcp = "CommerceBus:Adapters:Tcp";

    public override async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{Tcp}:Listeners:{Json}:Port"] = "0",
            [$"{Tcp}:Listeners:{Json}:Codec"] = "JsonLines",
            [$"{Tcp}:Listeners:{Prefixed}:Port"] = "0",
            [$"{Tcp}:Listeners:{Prefixed}:Framing"] = "LengthPrefixed",
            [$"{Tcp}:Listeners:{Prefixed}:LengthPrefixBytes"] = "2",
            [$"{Tcp}:Listeners:{Custom}:Port"] = "0",
            [$"{Tcp}:Listeners:{Custom}:Layout"] = "terminal-v2",
        };

        // A layout of its own: two-character types, a shorter order record without the reserved characters, short lines.
        var v2 = $"{Tcp}:Layouts:terminal-v2";
        settings[$"{v2}:TypeLength"] = "2";
        Record(settings, $"{v2}:Records:PO", "PlaceOrder", 125,
            ("orderNumber", 3, 12, null), ("customerId", 15, 10, null), ("currency", 25, 3, null), ("region", 28, 4, null),
            ("shipTo.name", 32, 30, null), ("shipTo.street", 62, 30, null), ("shipTo.city", 92, 20, null),
            ("shipTo.postalCode", 112, 10, null), ("shipTo.country", 122, 2, null));
        settings[$"{v2}:Records:PO:Group:Name"] = "lines";
        settings[$"{v2}:Records:PO:Group:Count:Position"] = "124";
        settings[$"{v2}:Records:PO:Group:Count:Length"] = "2";
        settings[$"{v2}:Records:PO:Group:ItemLength"] = "20";
        Fields(settings, $"{v2}:Records:PO:Group", ("sku", 1, 12, null), ("quantity", 13, 3, "Number"), ("unitPrice", 16, 5, "ImpliedDecimal"));
        settings[$"{v2}:Records:PO:Group:Fields:unitPrice:Scale"] = "2";
        Record(settings, $"{v2}:Records:SQ", "GetStatus", 14, ("orderNumber", 3, 12, null));
        Record(settings, $"{v2}:Records:OK", "Ack", 50, ("orderNumber", 3, 12, null), ("trackingId", 15, 36, null));
        Record(settings, $"{v2}:Records:ST", "Status", 46, ("orderNumber", 3, 12, null), ("status", 15, 12, null), ("updatedAt", 27, 20, "Timestamp"));
        Record(settings, $"{v2}:Records:NO", "Nak", 98, ("orderNumber", 3, 12, null), ("code", 15, 4, null), ("reason", 19, 80, null));
        settings[$"{v2}:Records:NO:Fields:reason:Variable"] = "true";

        // A record type added to the built-in layout: QRY asks for a status like STA, with ten spare characters.
        Record(settings, $"{Tcp}:Layouts:legacy-terminal:Records:QRY", "GetStatus", 25, ("orderNumber", 4, 12, null));

        Started(await TestHub.StartAsync(settings));
    }

    private static void Record(Dictionary<string, string?> settings, string path, string message, int length, params (string Name, int Position, int Length, string? Type)[] fields)
    {
        settings[$"{path}:Message"] = message;
        settings[$"{path}:Length"] = length.ToString(CultureInfo.InvariantCulture);
        Fields(settings, path, fields);
    }

    private static void Fields(Dictionary<string, string?> settings, string path, params (string Name, int Position, int Length, string? Type)[] fields)
    {
        foreach (var (name, position, length, type) in fields)
        {
            settings[$"{path}:Fields:{name}:Position"] = position.ToString(CultureInfo.InvariantCulture);
            settings[$"{path}:Fields:{name}:Length"] = length.ToString(CultureInfo.InvariantCulture);
            if (type is not null)
            {
                settings[$"{path}:Fields:{name}:Type"] = type;
            }
        }
    }
}
