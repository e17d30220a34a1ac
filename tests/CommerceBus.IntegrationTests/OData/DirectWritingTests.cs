using System.Runtime.CompilerServices;
using CommerceBus.Adapters.OData;
using CommerceBus.Adapters.OData.Writing;
using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.IntegrationTests.OData;

/// <summary>
/// The entity-set pages written with Utf8JsonWriter (adapters/CommerceBus.Adapters.OData/Writing) against OData's own
/// serializer: for each request the same hub answers once each way (<see cref="ODataAdapterOptions.WriteEntitySetsDirectly"/>
/// switched in-process), and status, Content-Type, OData-Version and the body must be byte-for-byte the same.
/// </summary>
public abstract class DirectWritingTests<TFixture>(TFixture hub) : IClassFixture<TFixture>
    where TFixture : ODataHubFixture
{
    private static readonly ConditionalWeakTable<ODataHubFixture, Task> Seeded = new();

    public static TheoryData<string, string?> Written => new()
    {
        { "/odata/Orders", null },
        { "/odata/Orders?$top=50&$orderby=CreatedAt desc&$filter=Status eq 'Completed' and Region eq 'EU'", null },
        { "/odata/Orders?$select=OrderNumber,Total,CreatedAt&$orderby=OrderNumber", null },
        { "/odata/Orders?$select=Total,OrderNumber&$filter=Total gt 100", null },
        { "/odata/Orders?$expand=Lines&$filter=OrderNumber eq 'O-1'", null },
        { "/odata/Orders?$filter=Status eq 'Completed'&$count=true&$top=2", null },
        { "/odata/Orders?$count=true&$filter=Region eq 'nowhere'", null },
        { "/odata/Orders?$orderby=OrderNumber&$skip=2&$top=3", null },
        { "/odata/Orders?$orderby=Total desc,CreatedAt", null },
        { "/odata/Orders?$filter=OrderNumber eq 'O-90'", null },
        { "/odata/Orders?$filter=Reason eq null&$orderby=UpdatedAt desc", null },
        { "/odata/Orders?$orderby=OrderNumber", "application/json;odata.metadata=none" },
        { "/odata/Orders?$select=OrderNumber&$top=2", "application/json;odata.metadata=minimal" },
        { "/odata/Orders?$top=2", "application/json" },
        { "/odata/Orders?$top=2", "*/*" },
        { "/odata/Messages?$orderby=Id", null },
        { "/odata/Messages?$filter=Direction eq 'Outbound'&$orderby=Direction,ReceivedAt desc&$select=Direction,DurationMs,Destination", null },
        { "/odata/Sagas?$orderby=OrderNumber", null },
        { "/odata/Sagas?$select=OrderNumber,StepDeadline,StockReserved,Version", null },
        { "/odata/FailedMessages", null },
        { "/odata/FailedMessages?$count=true&$select=Id,Kind,ResolvedAt,TrackingId,ReplayOf", null },
    };

    /// <summary>Requests the direct writer leaves to OData's serializer: they must still answer exactly as before.</summary>
    public static TheoryData<string, string?> LeftToOData => new()
    {
        { "/odata/Orders?$top=2", "application/json;odata.metadata=full" },
        { "/odata/Orders?$top=2&$format=application/json;odata.metadata=none", null },
        { "/odata/Orders?$select=*&$top=2", null },
        { "/odata/Orders?$select=OrderNumber,Status&$expand=Lines&$orderby=OrderNumber desc&$top=3", null },
        { "/odata/Orders?$expand=Lines($select=Sku)&$filter=OrderNumber eq 'O-1'", null },
        { "/odata/Orders?$expand=Lines&$filter=OrderNumber eq 'O-91'", null },
    };

    protected TFixture Hub { get; } = hub;

    [SkippableTheory]
    [MemberData(nameof(Written))]
    public async Task A_page_written_directly_is_byte_for_byte_what_OData_writes(string url, string? accept)
    {
        await AssertSameAsync(url, accept, directly: true);
    }

    [SkippableTheory]
    [MemberData(nameof(LeftToOData))]
    public async Task What_the_direct_writer_does_not_cover_is_answered_by_OData_unchanged(string url, string? accept)
    {
        await AssertSameAsync(url, accept, directly: false);
    }

    [SkippableFact]
    public async Task Next_links_of_a_directly_written_page_lead_through_the_whole_set_as_ODatas_do()
    {
        Skip.If(Hub.SkipReason is not null, Hub.SkipReason);
        await Seeded.GetValue(Hub, SeedAsync);
        string? url = "/odata/Orders?$orderby=CreatedAt desc&$select=OrderNumber";
        var pages = 0;
        while (url is not null && pages++ < 20)
        {
            var (_, body) = await AssertSameAsync(url, null, directly: true);
            using var json = System.Text.Json.JsonDocument.Parse(body);
            url = json.RootElement.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        }

        Assert.True(pages is > 1 and < 20, $"Paging through 8 orders at {ODataHubFixture.PageSize} a page took {pages} pages: the next links do not move on.");
    }

    private async Task<(string? ContentType, string Body)> AssertSameAsync(string url, string? accept, bool directly)
    {
        Skip.If(Hub.SkipReason is not null, Hub.SkipReason);
        await Seeded.GetValue(Hub, SeedAsync);
        var options = Hub.Hub.Services.GetRequiredService<IOptions<ODataAdapterOptions>>().Value;
        var writes = Hub.Hub.Services.GetRequiredService<EntitySetWrites>();

        var before = writes.WrittenDirectly;
        var fast = await GetAsync(url, accept);
        var written = writes.WrittenDirectly - before;
        options.WriteEntitySetsDirectly = false;
        try
        {
            var odata = await GetAsync(url, accept);
            Assert.True(odata.Status == 200, $"GET {url} through OData's serializer answered {odata.Status}: {odata.Body}");
            Assert.True(odata == fast,
                $"GET {url} (Accept: {accept ?? "none"}) differs between the direct writer and OData's serializer; make Writing/ write what OData writes, or leave this request to OData (ResponseShape.Of).\n"
                + $"direct: {fast.Status} {fast.ContentType} OData-Version {fast.Version}\n{fast.Body}\n"
                + $"OData:  {odata.Status} {odata.ContentType} OData-Version {odata.Version}\n{odata.Body}");
        }
        finally
        {
            options.WriteEntitySetsDirectly = true;
        }

        Assert.True(written == (directly ? 1 : 0),
            directly
                ? $"GET {url} was not written directly but by OData's serializer: the direct writer no longer covers it (ResponseShape.Of, EntitySetResult)."
                : $"GET {url} was written directly, but it is a request the direct writer must leave to OData.");
        return (fast.ContentType, fast.Body);
    }

    private async Task<Answer> GetAsync(string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await Hub.Hub.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var version = response.Headers.TryGetValues("OData-Version", out var values) ? string.Join(",", values) : null;
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), version, body);
    }

    /// <summary>
    /// Rows that exercise the writer beyond <see cref="ODataSeed"/>: escaping (quotes, non-ASCII, markup, a line
    /// break), nulls, sub-second timestamps, whole and fractional doubles, and an order with more lines than a page.
    /// </summary>
    private static async Task SeedAsync(ODataHubFixture hub)
    {
        await using var db = await hub.Hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        var at = ODataSeed.Day.AddDays(9).AddTicks(1_234_567);
        db.Orders.Add(Order("O-90", "Failed", "EU", at, "Zoë \"Quote\" <b>&amp;</b>\nsecond line é ü 日本", 1));
        db.Orders.Add(Order("O-91", "Completed", "EU", at.AddDays(1), "Many lines", ODataHubFixture.PageSize + 2));
        db.Journal.Add(new JournalEntry
        {
            MessageId = Guid.NewGuid(), CorrelationId = "corr-9", SourceAdapter = "soap", MessageType = "ReserveStock.v1",
            Direction = JournalDirection.Outbound, Destination = "inventory", Outcome = JournalOutcomes.Delivered,
            ReceivedAt = at, CompletedAt = at.AddMilliseconds(12), DurationMs = 12, Detail = "tab\there",
        });
        db.Journal.Add(new JournalEntry
        {
            MessageId = Guid.NewGuid(), CorrelationId = "corr-9", SourceAdapter = "soap", MessageType = "CapturePayment.v1",
            Direction = JournalDirection.Outbound, Destination = "payments", Outcome = JournalOutcomes.Delivered,
            ReceivedAt = at, CompletedAt = at, DurationMs = 0.125,
        });
        await db.SaveChangesAsync();
    }

    private static OrderRecord Order(string number, string status, string region, DateTime at, string customer, int lines)
    {
        var trackingId = Guid.NewGuid();
        return new OrderRecord
        {
            OrderNumber = number,
            TrackingId = trackingId,
            CustomerId = customer,
            Currency = "EUR",
            Region = region,
            ShipToName = customer,
            ShipToStreet = "1 \"Quoted\" Street",
            ShipToCity = "Zürich",
            ShipToPostalCode = "8000",
            ShipToCountry = "CH",
            Total = 12.5m * lines,
            Lines = [.. Enumerable.Range(1, lines).Select(i => new OrderLineRecord { OrderNumber = number, LineNumber = i, Sku = $"SKU-{i}", Quantity = i, UnitPrice = 12.5m })],
            SourceAdapter = "rest",
            CorrelationId = "corr-" + number,
            CreatedAt = at,
            Saga = new OrderSagaRecord
            {
                CorrelationId = trackingId,
                OrderNumber = number,
                CurrentState = status,
                Status = status,
                Reason = status == "Failed" ? "payment refused: \"card\" é" : null,
                OrderJson = "{}",
                StatusChangedAt = at,
                CreatedAt = at,
                UpdatedAt = at,
            },
        };
    }

    private sealed record Answer(int Status, string? ContentType, string? Version, string Body);
}

/// <summary>The direct writer's conformance on the embedded SQLite database.</summary>
public sealed class SqliteDirectWritingTests(SqliteODataHub hub) : DirectWritingTests<SqliteODataHub>(hub);

/// <summary>The direct writer's conformance on PostgreSQL.</summary>
public sealed class PostgresDirectWritingTests(PostgresODataHub hub) : DirectWritingTests<PostgresODataHub>(hub);
