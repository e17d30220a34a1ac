using System.Text;

namespace CommerceBus.IntegrationTests.Proxy;

/// <summary>SOAP requests for the proxy tests: a quote request routed by its first order's symbol or by a header element.</summary>
internal static class ProxySoap
{
    public static string Quote(string symbol, string secondSymbol = "ORCL", string routingHeader = "", string filler = "") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:q="urn:example:quotes">
          <soap:Header>{routingHeader}</soap:Header>
          <soap:Body>
            <q:placeOrders>
              {filler}
              <q:order><q:symbol>{symbol}</q:symbol><q:quantity>10</q:quantity></q:order>
              <q:order><q:symbol>{secondSymbol}</q:symbol><q:quantity>5</q:quantity></q:order>
            </q:placeOrders>
          </soap:Body>
        </soap:Envelope>
        """;

    public static string WithTarget(string target) =>
        Quote("IBM", routingHeader: $"<r:Routing xmlns:r=\"urn:example:routing\"><r:Target>{target}</r:Target></r:Routing>");

    public static StringContent Content(string xml) => new(xml, Encoding.UTF8, "text/xml");
}
