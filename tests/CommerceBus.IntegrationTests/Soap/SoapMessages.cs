using System.Globalization;
using System.Xml.Linq;
using CommerceBus.Contracts.Orders;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>Raw SOAP envelopes for the OrderService, built as XML text the way a hand-rolled legacy client would.</summary>
public static class SoapMessages
{
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string Orders = "urn:commercebus:legacy:orders:v1";

    private static readonly XNamespace O = Orders;

    public static string Envelope(bool soap12, XElement body) => Envelope(soap12, body.ToString(SaveOptions.DisableFormatting));

    public static string Envelope(bool soap12, string bodyXml) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"{(soap12 ? Soap12 : Soap11)}\"><soap:Body>{bodyXml}</soap:Body></soap:Envelope>";

    public static XElement PlaceOrder(PlaceOrder order) => new(O + "PlaceOrder",
        new XElement(O + "Order",
            new XElement(O + "OrderNumber", order.OrderNumber),
            new XElement(O + "CustomerId", order.CustomerId),
            new XElement(O + "Currency", order.Currency),
            new XElement(O + "Region", order.Region),
            new XElement(O + "ShipTo",
                new XElement(O + "Name", order.ShipTo?.Name),
                new XElement(O + "Street", order.ShipTo?.Street),
                new XElement(O + "City", order.ShipTo?.City),
                new XElement(O + "PostalCode", order.ShipTo?.PostalCode),
                new XElement(O + "Country", order.ShipTo?.Country)),
            new XElement(O + "Lines", (order.Lines ?? []).Select(l => new XElement(O + "OrderLine",
                new XElement(O + "Sku", l.Sku),
                new XElement(O + "Quantity", l.Quantity.ToString(CultureInfo.InvariantCulture)),
                new XElement(O + "UnitPrice", l.UnitPrice.ToString(CultureInfo.InvariantCulture)))))));

    public static XElement CancelOrder(string orderNumber, string reason) =>
        new(O + "CancelOrder", new XElement(O + "OrderNumber", orderNumber), new XElement(O + "Reason", reason));

    public static XElement GetOrderStatus(string orderNumber) =>
        new(O + "GetOrderStatus", new XElement(O + "OrderNumber", orderNumber));

    public static string Action(string operation) => $"{Orders}/{operation}";
}
