using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using Xunit;
using static CommerceBus.IntegrationTests.Security.KeyedHubFixture;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>Names and addresses in the OData orders: read by a <c>pii</c> client, absent for a <c>query</c> client, even in filters.</summary>
public sealed class PersonalDataTests(KeyedHubFixture fixture) : IClassFixture<KeyedHubFixture>
{
    [Fact]
    public async Task A_query_client_sees_the_order_without_its_name_and_address_and_a_pii_client_sees_them()
    {
        var order = Orders.Valid();
        using (var shop = fixture.Hub.As(Shop))
        using (var placed = await shop.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        var query = $"/odata/Orders?$filter=OrderNumber eq '{order.OrderNumber}'";
        using var analyst = fixture.Hub.As(Analyst);
        using var privacy = fixture.Hub.As(Privacy);
        var impersonal = (await analyst.GetFromJsonAsync<JsonElement>(query)).GetProperty("value")[0];
        var personal = (await privacy.GetFromJsonAsync<JsonElement>(query)).GetProperty("value")[0];

        Assert.Equal(order.OrderNumber, impersonal.GetProperty("OrderNumber").GetString());
        foreach (var field in new[] { "ShipToName", "ShipToStreet", "ShipToCity", "ShipToPostalCode" })
        {
            Assert.True(
                !impersonal.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null,
                $"{field} reached a query client: {impersonal.GetRawText()}");
        }

        Assert.DoesNotContain(order.ShipTo!.Name!, impersonal.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(order.ShipTo.Name, personal.GetProperty("ShipToName").GetString());
        Assert.Equal(order.ShipTo.PostalCode, personal.GetProperty("ShipToPostalCode").GetString());
    }

    [Fact]
    public async Task A_query_client_cannot_find_an_order_by_its_customers_name()
    {
        var order = Orders.Valid();
        using (var shop = fixture.Hub.As(Shop))
        using (var placed = await shop.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        var byName = $"/odata/Orders?$filter=OrderNumber eq '{order.OrderNumber}' and ShipToName eq '{order.ShipTo!.Name}'";
        using var analyst = fixture.Hub.As(Analyst);
        using var privacy = fixture.Hub.As(Privacy);

        Assert.Empty((await analyst.GetFromJsonAsync<JsonElement>(byName)).GetProperty("value").EnumerateArray());
        Assert.Single((await privacy.GetFromJsonAsync<JsonElement>(byName)).GetProperty("value").EnumerateArray());
    }
}
