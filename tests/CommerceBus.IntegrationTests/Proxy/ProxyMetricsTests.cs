using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Conformance;
using Xunit;

namespace CommerceBus.IntegrationTests.Proxy;

/// <summary>
/// The proxy's own instruments on the hub's meter: every request is counted by proxy route and outcome and its
/// duration recorded, read with a <see cref="MeterListener"/> from the real hub in front of the real echo services.
/// </summary>
public sealed class ProxyMetricsTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Forwarded_and_refused_requests_are_counted_by_route_and_outcome_with_their_durations()
    {
        var counted = new ConcurrentDictionary<(string Instrument, string Route, string Outcome), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == HubTelemetry.Name && instrument.Name.StartsWith("commercebus.proxy.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? route = null, outcome = null;
            foreach (var tag in tags)
            {
                route = tag.Key == HubAttributes.Labels.Route ? tag.Value as string : route;
                outcome = tag.Key == HubAttributes.Labels.Outcome ? tag.Value as string : outcome;
            }

            counted.AddOrUpdate((instrument.Name, route ?? "(none)", outcome ?? "(none)"), value, (_, sum) => sum + value);
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        using (var forwarded = await fixture.Hub.Http.PostAsync("/px/pass/metrics", new StringContent("x", Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/px/hdr/metrics"))
        {
            request.Headers.Add("X-Route", "nowhere");
            using var refused = await fixture.Hub.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        // Recorded when the proxy has finished with the request, which may be just after the client has the answer.
        await Eventually.MatchAsync(
            () => Task.FromResult(counted),
            c => c.GetValueOrDefault(("commercebus.proxy.requests", "pass", "forwarded")) >= 1
                && c.GetValueOrDefault(("commercebus.proxy.requests", "hdr", "refused")) >= 1
                && c.ContainsKey(("commercebus.proxy.request.duration", "pass", "forwarded"))
                && c.ContainsKey(("commercebus.proxy.request.duration", "hdr", "refused")),
            "commercebus.proxy.requests and .request.duration for route pass (forwarded) and hdr (refused); " +
            "if missing, check that ProxyRequestHandler records them on HubTelemetry with the route and outcome labels");
        Assert.True(counted[("commercebus.proxy.request.duration", "pass", "forwarded")] > 0, "a duration is recorded in seconds, above zero");
    }
}
