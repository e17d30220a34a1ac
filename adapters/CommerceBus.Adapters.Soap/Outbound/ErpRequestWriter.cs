using System.Text;
using System.Xml;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Contracts.Fulfillment;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>Writes the request envelopes of the legacy ERP booking contract, in schema order.</summary>
internal static class ErpRequestWriter
{
    private const string Erp = "erp";

    public static byte[] BookOrder(SoapVersion version, BookOrder book, string idempotencyKey) => Envelope(version, writer =>
    {
        writer.WriteStartElement(Erp, LegacyErpContract.BookOrder, LegacyErpContract.Namespace);
        writer.WriteStartElement(Erp, "Booking", LegacyErpContract.Namespace);
        Field(writer, "IdempotencyKey", idempotencyKey);
        Field(writer, "TrackingId", book.TrackingId.ToString());
        Field(writer, "OrderNumber", book.OrderNumber);
        Field(writer, "CustomerId", book.CustomerId);
        Field(writer, "Region", book.Region);
        Field(writer, "Currency", book.Currency);
        Field(writer, "Total", XmlConvert.ToString(book.Total));
        writer.WriteStartElement(Erp, "Lines", LegacyErpContract.Namespace);
        foreach (var line in book.Lines)
        {
            writer.WriteStartElement(Erp, "Line", LegacyErpContract.Namespace);
            Field(writer, "Sku", line.Sku);
            Field(writer, "Quantity", XmlConvert.ToString(line.Quantity));
            Field(writer, "UnitPrice", XmlConvert.ToString(line.UnitPrice));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    });

    public static byte[] CancelBooking(SoapVersion version, CancelBooking cancel, string idempotencyKey) => Envelope(version, writer =>
    {
        writer.WriteStartElement(Erp, LegacyErpContract.CancelBooking, LegacyErpContract.Namespace);
        writer.WriteStartElement(Erp, "Cancellation", LegacyErpContract.Namespace);
        Field(writer, "IdempotencyKey", idempotencyKey);
        Field(writer, "TrackingId", cancel.TrackingId.ToString());
        Field(writer, "OrderNumber", cancel.OrderNumber);
        Field(writer, "BookingId", cancel.BookingId);
        writer.WriteEndElement();
        writer.WriteEndElement();
    });

    private static void Field(XmlWriter writer, string name, string value) =>
        writer.WriteElementString(Erp, name, LegacyErpContract.Namespace, value);

    private static byte[] Envelope(SoapVersion version, Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(version.Prefix(), "Envelope", version.EnvelopeNamespace());
            writer.WriteStartElement(version.Prefix(), "Body", version.EnvelopeNamespace());
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return buffer.ToArray();
    }
}
