using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace CommerceBus.IntegrationTests.OData;

/// <summary>Every query option of the OData API over real HTTP, run on each database the hub supports (one subclass each).</summary>
public abstract class ODataQueryTests<TFixture>(TFixture hub) : IClassFixture<TFixture>
    where TFixture : ODataHubFixture
{
    protected TFixture Hub { get; } = hub;

    [SkippableFact]
    public async Task Filter_on_status_and_total_returns_only_the_matching_orders()
    {
        var body = await OkAsync("/odata/Orders?$filter=Status eq 'Completed' and Total gt 100");

        Assert.Equal(["O-2"], Numbers(body));
    }

    [SkippableFact]
    public async Task Filter_on_total_and_orderby_total_run_in_SQL()
    {
        Hub.Sql.Clear();

        var body = await OkAsync("/odata/Orders?$filter=Total ge 99.99&$orderby=Total desc&$top=3");

        Assert.Equal(["O-3", "O-5", "O-2"], Numbers(body));
        // SQLite quotes every identifier, PostgreSQL only those with capitals: "orders" or orders, "Total" in both.
        var sql = Assert.Single(Hub.Sql.Commands, c => Regex.IsMatch(c, "FROM \"?orders\"? ") && c.Contains("ORDER BY", StringComparison.Ordinal));
        Assert.Matches("WHERE .*\"Total\" >= ", sql);
        Assert.Matches("ORDER BY .*\"Total\" DESC", sql);
    }

    [SkippableFact]
    public async Task Filter_on_a_UTC_timestamp_compares_in_UTC()
    {
        var body = await OkAsync("/odata/Orders?$filter=CreatedAt ge 2026-03-05T00:00:00Z&$orderby=OrderNumber");

        Assert.Equal(["O-4", "O-5", "O-6"], Numbers(body));
        Assert.Equal("2026-03-05T00:00:00Z", body.GetProperty("value")[0].GetProperty("CreatedAt").GetString());
    }

    [SkippableFact]
    public async Task Select_returns_only_the_chosen_properties()
    {
        var body = await OkAsync("/odata/Orders?$select=OrderNumber,Total&$filter=OrderNumber eq 'O-5'");

        var order = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal(["OrderNumber", "Total"], order.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(250.50m, order.GetProperty("Total").GetDecimal());
    }

    [SkippableFact]
    public async Task Expand_lines_brings_each_order_with_its_lines()
    {
        var expanded = await OkAsync("/odata/Orders?$filter=OrderNumber eq 'O-1'&$expand=Lines");
        var plain = await OkAsync("/odata/Orders?$filter=OrderNumber eq 'O-1'");

        var lines = Assert.Single(expanded.GetProperty("value").EnumerateArray()).GetProperty("Lines");
        Assert.Equal(["BOOK-001", "PEN-777"], lines.EnumerateArray().Select(l => l.GetProperty("Sku").GetString()).Order());
        Assert.Equal(19.99m, lines.EnumerateArray().Single(l => l.GetProperty("Sku").GetString() == "BOOK-001").GetProperty("UnitPrice").GetDecimal());
        Assert.False(Assert.Single(plain.GetProperty("value").EnumerateArray()).TryGetProperty("Lines", out _));
    }

    [SkippableFact]
    public async Task Count_gives_the_total_of_the_filter_not_of_the_page()
    {
        var body = await OkAsync("/odata/Orders?$filter=Status eq 'Completed'&$count=true&$top=1");

        Assert.Equal(4, body.GetProperty("@odata.count").GetInt32());
        Assert.Single(body.GetProperty("value").EnumerateArray());
    }

    [SkippableFact]
    public async Task Skip_and_top_page_through_an_ordered_set()
    {
        var body = await OkAsync("/odata/Orders?$orderby=OrderNumber&$skip=2&$top=2");

        Assert.Equal(["O-3", "O-4"], Numbers(body));
    }

    [SkippableFact]
    public async Task A_set_larger_than_the_page_size_comes_in_pages_linked_by_nextLink()
    {
        var first = await OkAsync("/odata/Orders?$orderby=OrderNumber");
        var next = first.GetProperty("@odata.nextLink").GetString()!;
        var second = await OkAsync(next);

        Assert.Equal(["O-1", "O-2", "O-3", "O-4"], Numbers(first));
        Assert.Equal(["O-5", "O-6"], Numbers(second));
        Assert.False(second.TryGetProperty("@odata.nextLink", out _));
    }

    [SkippableFact]
    public async Task Messages_of_one_correlation_id_are_every_hop_of_that_flow()
    {
        var body = await OkAsync("/odata/Messages?$filter=CorrelationId eq 'corr-1'&$orderby=Id");

        var hops = body.GetProperty("value").EnumerateArray()
            .Select(m => $"{m.GetProperty("Direction").GetString()} {m.GetProperty("MessageType").GetString()} {m.GetProperty("Outcome").GetString()}");
        Assert.Equal(["Inbound PlaceOrder.v1 Accepted", "Outbound ReserveStock.v1 Delivered", "Outbound CapturePayment.v1 Delivered"], hops);
    }

    [SkippableFact]
    public async Task Messages_filter_on_direction_and_outcome()
    {
        var body = await OkAsync("/odata/Messages?$filter=Direction eq 'Outbound' and Outcome eq 'Failed'&$select=CorrelationId,Destination");

        var message = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal("corr-2", message.GetProperty("CorrelationId").GetString());
        Assert.Equal("inventory", message.GetProperty("Destination").GetString());
    }

    [SkippableFact]
    public async Task Sagas_are_queried_by_state_and_what_they_did()
    {
        var body = await OkAsync("/odata/Sagas?$filter=CurrentState eq 'Completed' and ShipmentTrackingNumber ne null&$select=OrderNumber,ShipmentTrackingNumber,UpdatedAt");

        var saga = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal("O-7", saga.GetProperty("OrderNumber").GetString());
        Assert.Equal("SHP-7", saga.GetProperty("ShipmentTrackingNumber").GetString());
        Assert.Equal("2026-03-01T00:05:00Z", saga.GetProperty("UpdatedAt").GetString());
    }

    [SkippableFact]
    public async Task Failed_messages_are_queried_like_the_rest()
    {
        var body = await OkAsync("/odata/FailedMessages?$filter=Endpoint eq 'inventory' and Attempts gt 5&$count=true");

        Assert.Equal(1, body.GetProperty("@odata.count").GetInt32());
        Assert.StartsWith("TimeoutException", Assert.Single(body.GetProperty("value").EnumerateArray()).GetProperty("Reason").GetString());

        // The store's replay columns are there to filter on: what was retried, by whom, of which exception type.
        body = await OkAsync("/odata/FailedMessages?$filter=Status eq 'Retried' and ExceptionType eq 'System.TimeoutException'&$select=OrderNumber,Route,ResolvedBy");
        var retried = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal("O-9", retried.GetProperty("OrderNumber").GetString());
        Assert.Equal("default", retried.GetProperty("Route").GetString());
        Assert.Equal("alice", retried.GetProperty("ResolvedBy").GetString());
        body = await OkAsync("/odata/FailedMessages?$filter=Status eq 'Failed'&$count=true");
        Assert.Equal(0, body.GetProperty("@odata.count").GetInt32());
    }

    [SkippableFact]
    public async Task Metadata_describes_the_entity_sets_without_internal_fields()
    {
        Skip.If(Hub.SkipReason is not null, Hub.SkipReason);
        using var response = await Hub.Hub.Http.GetAsync("/odata/$metadata");
        var metadata = await response.Content.ReadAsStringAsync();

        response.EnsureSuccessStatusCode();
        foreach (var set in new[] { "Orders", "Messages", "Sagas", "FailedMessages" })
        {
            Assert.Contains($"EntitySet Name=\"{set}\"", metadata, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("CommandJson", metadata, StringComparison.Ordinal);
        Assert.DoesNotContain("OrderJson", metadata, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/odata/Orders?$filter=Foo eq 1", "Foo")]
    [InlineData("/odata/Orders?$select=CommandJson", "CommandJson")]
    [InlineData("/odata/Orders?$filter=Total gt", "Expression expected")]
    [InlineData("/odata/Orders?$top=abc", "abc")]
    [InlineData("/odata/Orders?$top=51", "51")]
    [InlineData("/odata/Orders?$orderby=Status,Region,Total,Currency,CustomerId,OrderNumber", "orderby")]
    [InlineData("/odata/Orders?$expand=Lines($expand=Order)", "Order")]
    [InlineData("/odata/Orders?$orderby=ShipToName", "'ShipToName' is not allowed")]
    [InlineData("/odata/Orders?$orderby=length(Reason) desc", "an expression (desc) is not allowed")]
    [InlineData("/odata/FailedMessages?$orderby=Body", "'Body' is not allowed")]
    [InlineData("/odata/Orders?$apply=groupby((Status))", "$apply")]
    public async Task A_bad_or_too_expensive_query_gets_an_OData_error_naming_the_problem(string url, string named)
    {
        await AssertRefusedAsync(url, named);
    }

    [SkippableFact]
    public async Task A_huge_filter_is_refused_by_its_node_count()
    {
        var huge = string.Join(" or ", Enumerable.Range(0, 30).Select(i => $"OrderNumber eq 'X-{i}'"));

        await AssertRefusedAsync("/odata/Orders?$filter=" + huge, "node count");
    }

    private async Task AssertRefusedAsync(string url, string named)
    {
        Skip.If(Hub.SkipReason is not null, Hub.SkipReason);

        var (status, body, text) = await Hub.GetAsync(url);

        Assert.Equal(400, status);
        var error = body.GetProperty("error");
        Assert.Equal("InvalidQuery", error.GetProperty("code").GetString());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\bat [\w.`]+\.\w+\(", text);
        Assert.DoesNotContain("stacktrace", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("innererror", text, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<JsonElement> OkAsync(string url)
    {
        Skip.If(Hub.SkipReason is not null, Hub.SkipReason);

        var (status, body, text) = await Hub.GetAsync(url);
        Assert.True(status == 200, $"GET {url} answered {status}: {text}");
        return body;
    }

    private static string[] Numbers(JsonElement body) =>
        [.. body.GetProperty("value").EnumerateArray().Select(o => o.GetProperty("OrderNumber").GetString()!)];
}
