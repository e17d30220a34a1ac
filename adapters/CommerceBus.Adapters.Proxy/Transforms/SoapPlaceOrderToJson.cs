using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using CommerceBus.Adapters.Proxy.Soap;
using CommerceBus.Adapters.Proxy.Streaming;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;

namespace CommerceBus.Adapters.Proxy.Transforms;

/// <summary>
/// Rewrites a legacy SOAP <c>PlaceOrder</c> request (<c>contracts/wire/legacy-soap/OrderService.wsdl</c>) into the
/// canonical <see cref="PlaceOrder"/> JSON, so a JSON order service can be fronted for SOAP clients. The body (bounded
/// by the route's <c>MaxTransformBytes</c>) is parsed from memory and only the order element is loaded as a tree (the
/// envelope around it is read past); values are carried over as they are, and only a quantity or price that is not a
/// number is refused, since the JSON needs a number there.
/// </summary>
internal static class SoapPlaceOrderToJson
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Rewrites a body already read whole (the route bounds it by <c>MaxTransformBytes</c>), synchronously.</summary>
    public static TransformResult Rewrite(ReadOnlyMemory<byte> body)
    {
        using var stream = new RecordedBytesStream(body);
        using var reader = XmlReader.Create(stream, SoapXml.ScanSettings);
        try
        {
            var order = ReadOrder(reader);
            if (order is null)
            {
                return new(null, null, "the SOAP Body holds no PlaceOrder/Order element");
            }

            var canonical = ToPlaceOrder(order, out var problem);
            return problem is null
                ? new(JsonSerializer.SerializeToUtf8Bytes(canonical, CanonicalJson.Options), ContentType, null)
                : new(null, null, problem);
        }
        catch (XmlException e)
        {
            return new(null, null, $"the body is not well-formed XML ({e.Message})");
        }
    }

    private static XElement? ReadOrder(XmlReader reader)
    {
        var inBody = false;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth == 0 && !SoapXml.IsEnvelope(reader))
            {
                throw new XmlException($"the document is not a SOAP envelope (its root is '{reader.Name}')");
            }

            if (reader.Depth == 1)
            {
                inBody = reader.LocalName == "Body";
            }
            else if (inBody && reader.Depth == 2 && reader.LocalName != "PlaceOrder")
            {
                return null;
            }
            else if (inBody && reader.Depth == 3 && reader.LocalName == "Order")
            {
                using var subtree = reader.ReadSubtree();
                return XElement.Load(subtree, LoadOptions.None);
            }
        }

        return null;
    }

    private static PlaceOrder ToPlaceOrder(XElement order, out string? problem)
    {
        problem = null;
        var shipTo = Child(order, "ShipTo");
        var lines = new List<OrderLine>();
        var index = 0;
        foreach (var line in Child(order, "Lines")?.Elements().Where(e => e.Name.LocalName == "OrderLine") ?? [])
        {
            var quantity = Text(line, "Quantity");
            var price = Text(line, "UnitPrice");
            if (!int.TryParse(quantity?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q))
            {
                problem = $"Lines/OrderLine[{index + 1}]/Quantity must be a whole number (was '{quantity}')";
            }

            if (!decimal.TryParse(price?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p))
            {
                problem ??= $"Lines/OrderLine[{index + 1}]/UnitPrice must be a decimal number such as 19.99 (was '{price}')";
            }

            lines.Add(new OrderLine { Sku = Text(line, "Sku"), Quantity = q, UnitPrice = p });
            index++;
        }

        return new PlaceOrder
        {
            OrderNumber = Text(order, "OrderNumber"),
            CustomerId = Text(order, "CustomerId"),
            Currency = Text(order, "Currency"),
            Region = Text(order, "Region"),
            ShipTo = shipTo is null
                ? null
                : new Address
                {
                    Name = Text(shipTo, "Name"),
                    Street = Text(shipTo, "Street"),
                    City = Text(shipTo, "City"),
                    PostalCode = Text(shipTo, "PostalCode"),
                    Country = Text(shipTo, "Country"),
                },
            Lines = lines,
        };
    }

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string? Text(XElement parent, string localName) => Child(parent, localName)?.Value;
}
