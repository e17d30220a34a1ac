using System.Globalization;
using System.Text;
using CommerceBus.Contracts.Orders;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>Writes the records of contracts/wire/legacy-tcp.md the way a terminal does, independently of the adapter's code.</summary>
public static class TerminalRecords
{
    public static string Ord(PlaceOrder order)
    {
        var record = new StringBuilder("ORD")
            .Append(Text(order.OrderNumber, 12))
            .Append(Text(order.CustomerId, 10))
            .Append(Text(order.Currency, 3))
            .Append(Text(order.Region, 4))
            .Append(Text(order.ShipTo?.Name, 30))
            .Append(Text(order.ShipTo?.Street, 30))
            .Append(Text(order.ShipTo?.City, 20))
            .Append(Text(order.ShipTo?.PostalCode, 10))
            .Append(Text(order.ShipTo?.Country, 2))
            .Append(Number(order.Lines?.Count ?? 0, 2))
            .Append("  ");
        foreach (var line in order.Lines ?? [])
        {
            record.Append(Text(line.Sku, 12)).Append(Number(line.Quantity, 4)).Append(Number((long)(line.UnitPrice * 100), 10));
        }

        return record.ToString();
    }

    public static string Can(string orderNumber, string reason) => "CAN" + Text(orderNumber, 12) + Text(reason, 40);

    public static string Sta(string orderNumber) => "STA" + Text(orderNumber, 12);

    /// <summary>The tracking id of an ACK.</summary>
    public static Guid TrackingIdOf(string ack) => Guid.Parse(ack.AsSpan(15, 36));

    public static string OrderNumberOf(string reply) => reply.Substring(3, 12).TrimEnd();

    /// <summary>The code of a NAK.</summary>
    public static string CodeOf(string nak) => nak.Substring(15, 4);

    public static string ReasonOf(string nak) => nak[19..];

    /// <summary>The status of an STS.</summary>
    public static string StatusOf(string sts) => sts.Substring(15, 12).TrimEnd();

    private static string Text(string? value, int length) => (value ?? "").PadRight(length)[..length];

    private static string Number(long value, int length) => value.ToString(CultureInfo.InvariantCulture).PadLeft(length, '0');
}
