using System.Xml.Linq;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Outbound;
using CommerceBus.Contracts.Fulfillment;

namespace CommerceBus.IntegrationTests.Conformance.Outbound;

/// <summary>
/// A small SOAP contract of the test's own, registered like any module's (<c>AddSoapContract</c>): <c>BookOrder</c> is
/// the <c>Book</c> operation; a Sender fault is the refusal, any other fault a technical failure.
/// </summary>
internal sealed class ConformanceSoapContract : ISoapContract
{
    public const string Name = "conformance-booking";
    public static readonly XNamespace Ns = "urn:commercebus:conformance:booking";

    public SoapOperation? CreateRequest(OutboundMessage message) => message.Command is BookOrder book
        ? new SoapOperation("Book", Ns.NamespaceName + "/Book", new XElement(Ns + "Book",
            new XElement(Ns + "Key", message.IdempotencyKey),
            new XElement(Ns + "OrderNumber", book.OrderNumber)))
        : null;

    public DeliveryResult ReadReply(OutboundMessage message, SoapOperation operation, SoapAnswer answer)
    {
        var book = (BookOrder)message.Command;
        return answer switch
        {
            { Fault.Code: SoapFaultCode.Sender } => DeliveryResult.Replied(new BookingRefused(book.TrackingId, book.OrderNumber, answer.Fault.Reason)),
            { Fault: { } fault } => throw new SoapEndpointFaultException(message.Endpoint, fault.Code, fault.Reason),
            _ => DeliveryResult.Replied(new OrderBooked(
                book.TrackingId,
                book.OrderNumber,
                (string?)answer.Content!.Element(Ns + "BookingId") ?? throw new FormatException("BookResponse has no BookingId"),
                "conformance")),
        };
    }
}
