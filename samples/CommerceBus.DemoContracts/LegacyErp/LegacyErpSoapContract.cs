using System.Xml;
using System.Xml.Linq;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Outbound;
using CommerceBus.Contracts.Fulfillment;

namespace CommerceBus.DemoContracts.LegacyErp;

/// <summary>
/// The legacy ERP booking service (<c>contracts/demo/legacy-erp/LegacyErp.wsdl</c>): <see cref="BookOrder"/> and
/// <see cref="CancelBooking"/> as its operations, their results as canonical replies. Registered as <c>legacy-erp</c>.
/// </summary>
/// <remarks>
/// A Sender (1.1: Client) fault answering BookOrder is the ERP's "no", with the reason of its BookingRefused detail: the
/// order fails and is compensated, since the same request again would get the same answer. Any other fault is thrown
/// and the hub retries with the same idempotency key, which the ERP applies once.
/// </remarks>
internal sealed class LegacyErpSoapContract : ISoapContract
{
    public const string Name = "legacy-erp";
    public const string Namespace = "urn:commercebus:demo:legacy-erp:v1";

    private static readonly XNamespace Erp = Namespace;

    public SoapOperation? CreateRequest(OutboundMessage message) => message.Command switch
    {
        BookOrder book => Operation(nameof(BookOrder), new XElement(Erp + "Booking",
            Field("IdempotencyKey", message.IdempotencyKey),
            Field("TrackingId", book.TrackingId.ToString()),
            Field("OrderNumber", book.OrderNumber),
            Field("CustomerId", book.CustomerId),
            Field("Region", book.Region),
            Field("Currency", book.Currency),
            Field("Total", XmlConvert.ToString(book.Total)),
            new XElement(Erp + "Lines", book.Lines.Select(line => new XElement(Erp + "Line",
                Field("Sku", line.Sku),
                Field("Quantity", XmlConvert.ToString(line.Quantity)),
                Field("UnitPrice", XmlConvert.ToString(line.UnitPrice))))))),
        CancelBooking cancel => Operation(nameof(CancelBooking), new XElement(Erp + "Cancellation",
            Field("IdempotencyKey", message.IdempotencyKey),
            Field("TrackingId", cancel.TrackingId.ToString()),
            Field("OrderNumber", cancel.OrderNumber),
            Field("BookingId", cancel.BookingId))),
        _ => null,
    };

    public DeliveryResult ReadReply(OutboundMessage message, SoapOperation operation, SoapAnswer answer)
    {
        if (answer.Fault is { } fault)
        {
            var refusal = (string?)fault.Detail?.Element(Erp + "BookingRefused")?.Element(Erp + "Reason");
            return message.Command is BookOrder refused && fault.Code == SoapFaultCode.Sender
                ? DeliveryResult.Replied(
                    new BookingRefused(refused.TrackingId, refused.OrderNumber, refusal ?? $"{message.Endpoint} refused the booking: {fault.Reason}"),
                    $"refused: {refusal ?? fault.Reason}")
                : throw new SoapEndpointFaultException(message.Endpoint, fault.Code, fault.Reason);
        }

        var content = answer.Content!;
        var result = content.Element(Erp + (operation.Name + "Result"));
        if (content.Name != Erp + (operation.Name + "Response") || result is null)
        {
            throw new FormatException($"expected {operation.Name}Response/{operation.Name}Result in {Namespace}, got {content.Name}");
        }

        return message.Command switch
        {
            BookOrder book => DeliveryResult.Replied(
                new OrderBooked(book.TrackingId, book.OrderNumber, Required(result, "BookingId"), Required(result, "Erp")), $"booking {Required(result, "BookingId")}"),
            CancelBooking cancel => DeliveryResult.Replied(
                new BookingCancelled(cancel.TrackingId, cancel.OrderNumber, Required(result, "BookingId")), $"booking {Required(result, "BookingId")} cancelled"),
            _ => throw new FormatException($"{operation.Name} is not an operation of {Name}"),
        };
    }

    private static SoapOperation Operation(string name, XElement argument) =>
        new(name, Namespace + "/" + name, new XElement(Erp + name, new XAttribute(XNamespace.Xmlns + "erp", Namespace), argument));

    private static XElement Field(string name, string value) => new(Erp + name, value);

    private static string Required(XElement parent, string name) =>
        (string?)parent.Element(Erp + name) ?? throw new FormatException($"{parent.Name.LocalName} has no {name}");
}
