using CommerceBus.Abstractions.Diagnostics;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace CommerceBus.Adapters.Http;

/// <summary>
/// The resilience pipeline of one endpoint, outermost first: the delivery's total timeout, retries with exponential
/// backoff and jitter, the circuit breaker (which sees every attempt), and the timeout of one attempt.
/// </summary>
internal static partial class HttpResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(string endpoint, HttpConnectorOptions options, BreakerWatch breaker, ILogger logger)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            // Retries POSTs too: every request carries the idempotency key, so the service applies a command once.
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    LogRetry(logger, endpoint, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                    HubTelemetry.DeliveryRetries.Add(1, new(HubAttributes.Labels.Endpoint, endpoint), new(HubAttributes.Labels.Kind, "http"));
                    return default;
                },
            });
        }

        return pipeline
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSampling,
                BreakDuration = options.BreakDuration,
                OnOpened = args =>
                {
                    var failure = Describe(args.Outcome);
                    LogOpened(logger, endpoint, args.BreakDuration, failure);
                    breaker.Opened(failure);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    breaker.HalfOpened();
                    return default;
                },
                OnClosed = _ =>
                {
                    LogClosed(logger, endpoint);
                    breaker.Closed();
                    return default;
                },
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            .Build();
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? $"{ex.GetType().Name}: {ex.Message}" : $"HTTP {(int)outcome.Result!.StatusCode}";

    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Endpoint '{Endpoint}': attempt {Attempt} failed ({Failure}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string endpoint, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Error, Message = "Endpoint '{Endpoint}': circuit opened for {Duration} after {Failure}")]
    private static partial void LogOpened(ILogger logger, string endpoint, TimeSpan duration, string failure);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Endpoint '{Endpoint}': circuit closed, the service answers again")]
    private static partial void LogClosed(ILogger logger, string endpoint);
}
