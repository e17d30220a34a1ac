using System.Net.Http.Headers;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Contracts.Fulfillment;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>
/// Delivers <see cref="BookOrder"/> and <see cref="CancelBooking"/> to one legacy ERP instance over SOAP and turns its
/// answer into the canonical reply.
/// </summary>
/// <remarks>
/// A Client/Sender fault answering BookOrder is the ERP's "no" (with the reason of its BookingRefused detail): the
/// order fails and is compensated, since sending the same request again would get the same answer. Everything else that
/// goes wrong (a Server/Receiver fault, an HTTP error, no SOAP envelope, the timeout) is thrown, and the hub retries
/// with the same idempotency key, which the ERP applies once.
/// </remarks>
internal sealed class LegacyErpConnector(string endpoint, SoapConnectorSettings settings, Func<HttpClient> clients) : IEndpointConnector
{
    public async Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var (operation, envelope) = message.Command switch
        {
            BookOrder book => (LegacyErpContract.BookOrder, ErpRequestWriter.BookOrder(settings.Binding, book, message.IdempotencyKey)),
            CancelBooking cancel => (LegacyErpContract.CancelBooking, ErpRequestWriter.CancelBooking(settings.Binding, cancel, message.IdempotencyKey)),
            _ => throw new NotSupportedException(
                $"Endpoint '{endpoint}' (connector soap: the legacy ERP booking service) takes BookOrder and CancelBooking, not {message.Command.GetType().Name}; check the routes."),
        };

        var (status, body) = await SendAsync(operation, envelope, cancellationToken);
        ErpReply reply;
        try
        {
            reply = ErpReplyReader.Read(body, operation);
        }
        catch (FormatException ex)
        {
            throw new HttpRequestException($"Endpoint '{endpoint}' ({settings.Address}) answered {operation} with HTTP {status}, but {ex.Message}.", ex);
        }

        return (message.Command, reply) switch
        {
            (BookOrder book, ErpBooked booked) => DeliveryResult.Replied(
                new OrderBooked(book.TrackingId, book.OrderNumber, booked.BookingId, booked.Erp), $"booking {booked.BookingId}"),
            (BookOrder book, ErpFault { Code: SoapFaultCode.Sender } refused) => DeliveryResult.Replied(
                new BookingRefused(book.TrackingId, book.OrderNumber, refused.Refusal ?? $"{endpoint} refused the booking: {refused.Reason}"),
                $"refused: {refused.Refusal ?? refused.Reason}"),
            (CancelBooking cancel, ErpCancelled cancelled) => DeliveryResult.Replied(
                new BookingCancelled(cancel.TrackingId, cancel.OrderNumber, cancelled.BookingId), $"booking {cancelled.BookingId} cancelled"),
            (_, ErpFault fault) => throw new LegacyErpFaultException(endpoint, fault.Code, fault.Reason),
            _ => throw new HttpRequestException($"Endpoint '{endpoint}' answered {operation} with {reply.GetType().Name}, which is not its answer."),
        };
    }

    private async Task<(int Status, ReadOnlyMemory<byte> Body)> SendAsync(string operation, byte[] envelope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Address) { Content = new ByteArrayContent(envelope) };
        var action = LegacyErpContract.ActionOf(operation);
        if (settings.Binding == SoapVersion.Soap12)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"{SoapVersions.Soap12MediaType}; charset=utf-8; action=\"{action}\"");
        }
        else
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"{SoapVersions.Soap11MediaType}; charset=utf-8");
            request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{action}\"");
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
                    throw new HttpRequestException($"Endpoint '{endpoint}' answered {operation} with more than {settings.MaxResponseBytes} bytes.");
                }

                copy.Write(chunk, 0, read);
            }

            return ((int)response.StatusCode, new ReadOnlyMemory<byte>(copy.GetBuffer(), 0, (int)copy.Length));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Endpoint '{endpoint}' ({settings.Address}) did not answer {operation} within {settings.Timeout.TotalSeconds:0} s.", ex);
        }
    }
}
