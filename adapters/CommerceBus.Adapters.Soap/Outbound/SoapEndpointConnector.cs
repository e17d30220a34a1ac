using System.Net.Http.Headers;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Soap.Faults;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>
/// Delivers canonical commands to one SOAP endpoint: its contract makes the operation and reads the answer, this
/// connector writes the envelope, sends it within <c>TimeoutSeconds</c> and reads at most <c>MaxResponseBytes</c>.
/// </summary>
/// <remarks>
/// What the contract does not take as an answer (a fault that is no refusal, an HTTP error without a SOAP envelope, the
/// timeout) is thrown, and the hub retries with the same idempotency key, which the service applies once.
/// </remarks>
internal sealed class SoapEndpointConnector(string endpoint, SoapConnectorSettings settings, ISoapContract contract, Func<HttpClient> clients) : IEndpointConnector
{
    public async Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var operation = contract.CreateRequest(message)
            ?? throw new NotSupportedException(
                $"Endpoint '{endpoint}' (connector soap, contract {settings.Contract}) does not take {message.Command.GetType().Name}; check the routes.");

        var (status, body) = await SendAsync(operation, SoapClientEnvelope.Write(settings.Binding, operation.Body), cancellationToken);
        try
        {
            var answer = SoapClientEnvelope.Read(status, body);
            return contract.ReadReply(message, operation, answer);
        }
        catch (FormatException ex)
        {
            throw new HttpRequestException($"Endpoint '{endpoint}' ({settings.Address}) answered {operation.Name} with HTTP {status}, but {ex.Message}.", ex);
        }
    }

    private async Task<(int Status, ReadOnlyMemory<byte> Body)> SendAsync(SoapOperation operation, byte[] envelope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Address) { Content = new ByteArrayContent(envelope) };
        if (settings.Binding == SoapVersion.Soap12)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"{SoapVersions.Soap12MediaType}; charset=utf-8; action=\"{operation.Action}\"");
        }
        else
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"{SoapVersions.Soap11MediaType}; charset=utf-8");
            request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{operation.Action}\"");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await clients().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var copy = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (copy.Length + read > settings.MaxResponseBytes)
                {
                    throw new HttpRequestException($"Endpoint '{endpoint}' answered {operation.Name} with more than {settings.MaxResponseBytes} bytes.");
                }

                copy.Write(chunk, 0, read);
            }

            return ((int)response.StatusCode, new ReadOnlyMemory<byte>(copy.GetBuffer(), 0, (int)copy.Length));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Endpoint '{endpoint}' ({settings.Address}) did not answer {operation.Name} within {settings.Timeout.TotalSeconds:0} s.", ex);
        }
    }
}
