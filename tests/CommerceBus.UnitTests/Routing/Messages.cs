using System.Text.Json;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;
using CommerceBus.Routing;

namespace CommerceBus.UnitTests.Routing;

/// <summary>Canonical messages as the router sees them.</summary>
internal static class Messages
{
    private static readonly ShippingAddress Address = new("Ada Lovelace", "1 Analytical Way", "London", "N1 9GU", "GB");

    public static RoutableMessage Of(object canonical, IReadOnlyDictionary<string, string>? headers = null) =>
        new(CanonicalTypes.VersionedNameOf(canonical.GetType()), headers ?? new Dictionary<string, string>(), CanonicalJson.ToElement(canonical));

    public static RoutableMessage Json(string type, string json, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var document = JsonDocument.Parse(json);
        return new(type, headers ?? new Dictionary<string, string>(), document.RootElement.Clone());
    }

    public static BookOrder BookOrder(string region, decimal total = 100m, params string[] skus) =>
        new(Guid.NewGuid(), "SO-1001", "C-42", region, "EUR", total, Lines(skus.Length == 0 ? ["BOOK-1"] : skus));

    public static BookShipment BookShipment(params string[] skus) => new(Guid.NewGuid(), "SO-1001", Address, Lines(skus));

    public static CancelBooking CancelBooking(string region) => new(Guid.NewGuid(), "SO-1001", region, "B-7");

    public static CapturePayment CapturePayment(decimal amount) => new(Guid.NewGuid(), "SO-1001", "C-42", amount, "EUR");

    public static IReadOnlyDictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value);

    private static FulfillmentLine[] Lines(string[] skus) => [.. skus.Select(sku => new FulfillmentLine(sku, 1, 10m))];
}
