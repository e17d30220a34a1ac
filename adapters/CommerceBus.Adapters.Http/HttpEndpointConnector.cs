using CommerceBus.Abstractions.Outbound;

namespace CommerceBus.Adapters.Http;

/// <summary>Delivers commands to one HTTP endpoint: the contract makes the request and reads the answer, the pipeline makes it reliable.</summary>
internal sealed class HttpEndpointConnector(string endpoint, HttpClient client, IHttpContract contract, BreakerWatch breaker) : IEndpointConnector, ICircuitBreakingConnector, IDisposable
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string CorrelationIdHeader = "X-Correlation-ID";

    public CircuitBreakerStatus Breaker => breaker.Status;

    public async Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        using var request = contract.CreateRequest(message)
            ?? throw new NotSupportedException($"The {endpoint} endpoint (http) does not handle {message.Command.GetType().Name}; check the routes.");

        // The same key on every attempt, every redelivery and after a restart: the service applies the command once.
        request.Headers.Add(IdempotencyKeyHeader, message.IdempotencyKey);
        if (message.Envelope.CorrelationId.Length > 0)
        {
            request.Headers.Add(CorrelationIdHeader, message.Envelope.CorrelationId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await contract.ReadReplyAsync(message, response, cancellationToken);
    }

    /// <summary>Closes the endpoint's connections once the topology no longer uses it (a reload removed or changed it).</summary>
    public void Dispose() => client.Dispose();
}
