namespace CommerceBus.UnitTests.Routing;

/// <summary>The demo routing table, as an appsettings.json would hold it.</summary>
internal static class DemoConfiguration
{
    public const string Json = """
        {
          "CommerceBus": {
            "Endpoints": {
              "inventory": { "Connector": "bus" },
              "erp-eu": { "Connector": "soap" },
              "erp-us": { "Connector": "soap" },
              "shipping": { "Connector": "rest" },
              "payments": { "Connector": "rest" },
              "order-fulfillment": { "Connector": "bus" },
              "priority": { "Connector": "bus" }
            },
            "Routing": {
              "Mode": "FirstMatch",
              "Routes": [
                { "Name": "order-intake", "Types": [ "PlaceOrder", "CancelOrder" ], "Endpoints": [ "order-fulfillment" ] },
                { "Name": "erp-eu", "Types": [ "BookOrder", "CancelBooking" ], "When": [ { "Field": "region", "Op": "Equals", "Value": "EU" } ], "Endpoints": [ "erp-eu" ] },
                { "Name": "erp-us", "Types": [ "BookOrder", "CancelBooking" ], "When": [ { "Field": "region", "Op": "In", "Values": [ "US", "APAC" ] } ], "Endpoints": [ "erp-us" ] },
                { "Name": "digital-goods-skip-shipping", "Types": [ "BookShipment" ], "When": [ { "Field": "lines[*].sku", "Op": "Prefix", "Value": "DIG-", "Quantifier": "All" } ], "Endpoints": [ ] },
                { "Name": "shipping", "Types": [ "BookShipment" ], "Endpoints": [ "shipping" ] },
                { "Name": "priority-header-example", "When": [ { "Header": "x-priority", "Op": "Equals", "Value": "high" } ], "Endpoints": [ "priority" ] }
              ]
            }
          }
        }
        """;
}
