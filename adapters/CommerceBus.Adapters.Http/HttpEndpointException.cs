namespace CommerceBus.Adapters.Http;

/// <summary>An HTTP endpoint answered with neither a success nor a business refusal (a 5xx after every retry, an unexpected 4xx).</summary>
public sealed class HttpEndpointException(string message) : Exception(message)
{
}
