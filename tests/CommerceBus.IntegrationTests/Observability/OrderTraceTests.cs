using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Rest;
using CommerceBus.IntegrationTests.Soap.WsdlClient;
using CommerceBus.IntegrationTests.Tcp;
using OpenTelemetry.Trace;
using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>
/// One order is one trace: from the adapter's first span (REST and SOAP: ASP.NET Core's request span; TCP: the record's
/// span) through the pipeline, the saga and every endpoint delivery to the shipment booking, collected by OpenTelemetry's
/// in-memory exporter from the real hub, and every journal entry of the order carries that trace's id.
/// </summary>
public sealed class OrderTraceTests(OrderTraceTests.TracedHub fixture) : IClassFixture<OrderTraceTests.TracedHub>
{
    /// <summary>A hub whose spans also go to an in-memory exporter.</summary>
    public sealed class TracedHub : IAsyncLifetime
    {
        public SpanCollection Spans { get; } = new();

        public TestHub Hub { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Hub = await TestHub.StartAsync(configureServices: services =>
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));

        public async Task DisposeAsync() => await Hub.DisposeAsync();
    }

    private TestHub Hub => fixture.Hub;

    [Fact]
    public async Task Order_placed_over_rest_is_one_trace_from_the_request_to_the_shipment_booking()
    {
        await using var client = new RestOrderClient(Hub.Http);
        await PlaceAndFollowAsync(client, root => root.Kind == ActivityKind.Server && root.Source.Name == "Microsoft.AspNetCore");
    }

    [Fact]
    public async Task Order_placed_over_soap_is_one_trace_from_the_request_to_the_shipment_booking()
    {
        await using var client = new WcfOrderClient(new Uri(Hub.BaseAddress, "/soap/OrderService"));
        await PlaceAndFollowAsync(client, root => root.Kind == ActivityKind.Server && root.Source.Name == "Microsoft.AspNetCore");
    }

    [Fact]
    public async Task Order_placed_over_tcp_is_one_trace_from_the_record_to_the_shipment_booking()
    {
        await using var client = new TcpOrderClient(await Hub.ConnectTerminalAsync());
        await PlaceAndFollowAsync(client, root => root.Kind == ActivityKind.Server && root.DisplayName == "tcp PlaceOrder");
    }

    /// <summary>Places an order, waits for it to complete and checks its trace; <paramref name="isIntake"/> recognises the adapter's span.</summary>
    private async Task PlaceAndFollowAsync(IAdapterClient client, Func<Activity, bool> isIntake)
    {
        var order = Orders.Valid();
        var number = order.OrderNumber!;
        await client.PlaceOrderAsync(order, CancellationToken.None);
        var status = await Hub.WaitForStatusAsync(number, "Completed", "Failed");
        Assert.Equal("Completed", status!.Status);

        var shipment = await Eventually.MatchAsync(
            () => Task.FromResult(Delivery(fixture.Spans.Snapshot(), "shipping", number)),
            span => span is not null,
            $"the span of order {number}'s delivery to shipping");
        var traceId = shipment!.TraceId;

        // Every hop of the order is in the one trace, and each one's ancestors lead back to the adapter's span.
        string[] hops = ["order-fulfillment", "inventory", "payments", "erp-eu", "shipping"];
        var chains = await Eventually.MatchAsync(
            () => Task.FromResult(hops.Select(hop => Delivery(fixture.Spans.OfTrace(traceId), hop, number)).Select(d => d is null ? null : Ancestors(d, fixture.Spans.OfTrace(traceId))).ToList()),
            found => found.All(chain => chain is not null && chain[^1].ParentSpanId == default),
            $"every delivery span of order {number} with its whole chain of parents in trace {traceId}");

        foreach (var (hop, chain) in hops.Zip(chains))
        {
            // Root first: (the client's own span, when its HttpClient carried traceparent,) the intake, the pipeline,
            // the dispatch to the saga, the saga's steps, then this delivery.
            var path = chain!.AsEnumerable().Reverse().ToList();
            var intake = path.FindIndex(s => isIntake(s));
            var pipeline = path.FindIndex(s => s.DisplayName == "pipeline PlaceOrder.v1");
            var toSaga = path.FindIndex(s => s.DisplayName == "deliver order-fulfillment");
            Assert.True(intake >= 0, $"the delivery to {hop} descends from the adapter's span; path: {Describe(path)}");
            Assert.True(pipeline > intake, $"the pipeline span is under the adapter's span on the way to {hop}; path: {Describe(path)}");
            Assert.True(toSaga > pipeline, $"the dispatch to the saga is under the pipeline on the way to {hop}; path: {Describe(path)}");
            Assert.Equal($"deliver {hop}", path[^1].DisplayName);
            Assert.Equal(number, path[^1].GetTagItem(HubAttributes.OrderNumber));
            Assert.Equal("Delivered", path[^1].GetTagItem(HubAttributes.Outcome));
            if (hop != "order-fulfillment")
            {
                // Between the dispatch to the saga and this delivery: the saga's MassTransit spans.
                Assert.Contains(path.Skip(toSaga + 1), s => s.Source.Name == "MassTransit");
            }
        }

        // The later steps run after the earlier ones: their delivery spans start in the saga's order.
        var starts = chains.Select(chain => chain![0].StartTimeUtc).ToList();
        Assert.Equal(starts.OrderBy(t => t), starts);

        var journal = await Hub.JournalAsync(q => q.Where(e => e.OrderNumber == number));
        Assert.NotEmpty(journal);
        Assert.All(journal, entry => Assert.Equal(traceId.ToHexString(), entry.TraceId));
    }

    private static Activity? Delivery(IEnumerable<Activity> spans, string endpoint, string orderNumber) =>
        spans.FirstOrDefault(s => s.DisplayName == $"deliver {endpoint}" && Equals(s.GetTagItem(HubAttributes.OrderNumber), orderNumber));

    /// <summary>The span and its parents up to the highest one exported so far, leaf first.</summary>
    private static List<Activity> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        var bySpanId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var chain = new List<Activity> { span };
        while (chain[^1].ParentSpanId != default && bySpanId.TryGetValue(chain[^1].ParentSpanId, out var parent) && chain.Count < 500)
        {
            chain.Add(parent);
        }

        return chain;
    }

    private static string Describe(IEnumerable<Activity> path) => string.Join(" > ", path.Select(s => $"{s.Source.Name}:{s.DisplayName}"));
}
