using System.Globalization;
using System.Text;

namespace CommerceBus.Bench.Http;

/// <summary>Builds the benchmark's SOAP messages at (about) a given size; the routing values always come first.</summary>
internal static class Messages
{
    public static byte[] Build(MessageKind kind, int size) => kind == MessageKind.Quote ? Quote(size) : PlaceOrder(size);

    private static byte[] Quote(int size)
    {
        const string Head = """<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:q="urn:example:quotes"><soap:Header><r:Routing xmlns:r="urn:example:routing"><r:Target>quotes</r:Target></r:Routing></soap:Header><soap:Body><q:placeOrders>""";
        const string Tail = "</q:placeOrders></soap:Body></soap:Envelope>";
        var body = new StringBuilder(Head);
        var i = 0;
        string Order(int n) => $"<q:order><q:symbol>{(n == 0 ? "IBM" : "MSFT")}</q:symbol><q:quantity>{n + 1}</q:quantity></q:order>";
        do
        {
            body.Append(Order(i++));
        }
        while (Encoding.UTF8.GetByteCount(body.ToString()) + Order(i).Length + Tail.Length <= size);

        Pad(body, size - Tail.Length);
        return Encoding.UTF8.GetBytes(body.Append(Tail).ToString());
    }

    private static byte[] PlaceOrder(int size)
    {
        const string Head = """<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:o="urn:commercebus:legacy:orders:v1"><soap:Body><o:PlaceOrder><o:Order><o:OrderNumber>A-1</o:OrderNumber><o:CustomerId>C-42</o:CustomerId><o:Currency>EUR</o:Currency><o:Region>EU</o:Region><o:ShipTo><o:Name>Ada</o:Name><o:Street>1 Way</o:Street><o:City>London</o:City><o:PostalCode>NW1</o:PostalCode><o:Country>GB</o:Country></o:ShipTo><o:Lines>""";
        const string Tail = "</o:Lines></o:Order></o:PlaceOrder></soap:Body></soap:Envelope>";
        var body = new StringBuilder(Head);
        var i = 0;
        string Line(int n) => string.Create(CultureInfo.InvariantCulture, $"<o:OrderLine><o:Sku>SKU-{n:D5}</o:Sku><o:Quantity>{(n % 9) + 1}</o:Quantity><o:UnitPrice>19.99</o:UnitPrice></o:OrderLine>");
        do
        {
            body.Append(Line(i++));
        }
        while (body.Length + Line(i).Length + Tail.Length <= size);

        Pad(body, size - Tail.Length);
        return Encoding.UTF8.GetBytes(body.Append(Tail).ToString());
    }

    // Whitespace between elements brings the message to the exact size (when the minimal message is not already larger).
    private static void Pad(StringBuilder body, int length)
    {
        if (body.Length < length)
        {
            body.Append(' ', length - body.Length);
        }
    }
}
