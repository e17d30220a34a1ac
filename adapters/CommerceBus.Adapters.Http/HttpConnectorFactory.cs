using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Adapters.Http;

/// <summary>
/// Connector kind <c>http</c>: delivers canonical commands to an HTTP JSON service, with a timeout per attempt, retries
/// with exponential backoff on transient failures, a circuit breaker, and the message's idempotency key on every request.
/// </summary>
public sealed class HttpConnectorFactory(ILoggerFactory loggers, IServiceProvider services, IEnumerable<HttpContractName> contracts, TimeProvider clock) : IConnectorFactory
{
    private readonly IReadOnlyCollection<string> _contracts = [.. contracts.Select(c => c.Name)];

    public const string KindName = "http";

    public string Kind => KindName;

    public AdapterCapabilities Capabilities { get; } = new() { Direction = AdapterDirection.Outbound, RequestReply = true, SupportsCancel = false, SupportsStatusQuery = false };

    public IEndpointConnector Create(string endpoint, IConfigurationSection settings)
    {
        var options = new HttpConnectorOptions();
        try
        {
            settings.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"Endpoint '{endpoint}' (connector http): {ex.Message}", ex);
        }

        var problem = HttpConnectorValidation.Problem(options, _contracts);
        if (problem is not null)
        {
            throw new InvalidOperationException($"Endpoint '{endpoint}' (connector http): CommerceBus:Endpoints:{endpoint}:{problem}");
        }

        var logger = loggers.CreateLogger<HttpEndpointConnector>();
        var breaker = new BreakerWatch(endpoint, clock);
        var pipeline = HttpResiliencePipeline.Build(endpoint, options, breaker, logger);
        var client = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = new SocketsHttpHandler() })
        {
            // A base without its trailing slash would lose its last segment when the contract's paths are resolved.
            BaseAddress = options.BaseUrl!.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/"),

            // The resilience pipeline owns every timeout; the client's own would cut a delivery short mid-retry.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new HttpEndpointConnector(endpoint, client, services.GetRequiredKeyedService<IHttpContract>(HttpContractName.KeyOf(options.Contract!)), breaker);
    }
}
