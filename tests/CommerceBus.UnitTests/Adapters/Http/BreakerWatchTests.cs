using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Http;

public sealed class BreakerWatchTests
{
    private readonly SteppingClock _clock = new();

    [Fact]
    public void It_follows_the_breaker_from_closed_to_open_half_open_and_closed()
    {
        var made = _clock.GetUtcNow();
        var watch = new BreakerWatch("payments", _clock);
        Assert.Equal(new CircuitBreakerStatus(CircuitBreakerState.Closed, made, null), watch.Status);

        var opened = _clock.Step();
        watch.Opened("HttpRequestException: Connection refused");
        Assert.Equal(new CircuitBreakerStatus(CircuitBreakerState.Open, opened, "HttpRequestException: Connection refused"), watch.Status);

        var trial = _clock.Step();
        watch.HalfOpened();
        Assert.Equal(new CircuitBreakerStatus(CircuitBreakerState.HalfOpen, trial, "HttpRequestException: Connection refused"), watch.Status);

        var closed = _clock.Step();
        watch.Closed();
        Assert.Equal(new CircuitBreakerStatus(CircuitBreakerState.Closed, closed, null), watch.Status);
    }

    [Fact]
    public async Task The_connectors_pipeline_reports_its_breaker_opening_after_the_failures_it_counts()
    {
        var watch = new BreakerWatch("payments", _clock);
        var options = new HttpConnectorOptions { MaxRetries = 0, BreakerMinimumThroughput = 2, BreakDuration = TimeSpan.FromMinutes(5) };
        var pipeline = HttpResiliencePipeline.Build("payments", options, watch, NullLogger.Instance);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.Equal(CircuitBreakerState.Closed, watch.Status.State);
            await Assert.ThrowsAsync<HttpRequestException>(() =>
                pipeline.ExecuteAsync(_ => ValueTask.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused")), CancellationToken.None).AsTask());
        }

        Assert.Equal(CircuitBreakerState.Open, watch.Status.State);
        Assert.Equal("HttpRequestException: Connection refused", watch.Status.OpenedBy);
        await Assert.ThrowsAsync<BrokenCircuitException>(() =>
            pipeline.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage()), CancellationToken.None).AsTask());
    }
}
