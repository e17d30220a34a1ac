using System.Text;
using CommerceBus.Adapters.Tcp.Layouts;
using CommerceBus.Adapters.Tcp.Outbound;
using CommerceBus.Contracts.Fulfillment;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Tcp;

public sealed class OutboundRecordsTests
{
    private static readonly LayoutSet Shipping = new(BuiltInLayouts.LegacyShipping, BuiltInLayouts.Load(BuiltInLayouts.LegacyShipping));

    private static readonly BookShipment Command = new(
        Guid.Parse("e8ae749c-701b-4150-81cd-e858490cc600"),
        "A-1003",
        new ShippingAddress("Ada Lovelace", "12 Analytical Way", "London", "NW1 2DB", "GB"),
        [new FulfillmentLine("BOOK-001", 2, 19.99m), new FulfillmentLine("PEN-777", 1, 3.50m)]);

    [Fact]
    public void Book_shipment_is_written_as_the_documented_BKS_record()
    {
        var record = Encoding.ASCII.GetString(OutboundRecords.Encode(Shipping.ForMessage("BookShipment")!, Command, 1));

        // contracts/demo/legacy-shipping.md, "Example".
        Assert.Equal(
            "BKS00000001e8ae749c-701b-4150-81cd-e858490cc600A-1003      Ada Lovelace                  12 Analytical Way             "
            + "London              NW1 2DB   GB02BOOK-001    0002PEN-777     0001",
            record);
    }

    [Fact]
    public void Booked_reply_becomes_ShipmentBooked_with_the_tracking_id_of_the_command()
    {
        var reply = Read("BKD00000001A-1003      SHP000000001        ");

        var booked = Assert.IsType<ShipmentBooked>(OutboundRecords.ToResult(reply, Command, "shipping").Reply);

        Assert.Equal(new ShipmentBooked(Command.TrackingId, "A-1003", "SHP000000001"), booked);
        Assert.Equal(1, OutboundRecords.ReferenceOf(reply));
    }

    [Fact]
    public void Refused_reply_becomes_ShipmentRefused_with_the_reason()
    {
        var refused = OutboundRecords.ToResult(Read("BKR00000002A-1003      postal code 00000 is not deliverable"), Command, "shipping").Reply;

        Assert.Equal(new ShipmentRefused(Command.TrackingId, "A-1003", "postal code 00000 is not deliverable"), refused);
    }

    [Fact]
    public void Error_reply_is_a_technical_failure()
    {
        var error = Assert.Throws<TcpEndpointException>(() => OutboundRecords.ToResult(Read("ERR00000003disk full"), Command, "shipping"));

        Assert.Equal("Endpoint shipping answered ERR: disk full", error.Message);
    }

    private static DecodedRecord Read(string record)
    {
        Assert.True(RecordReader.TryRead(Shipping, Encoding.ASCII.GetBytes(record), null, out var decoded, out var fault), fault?.Reason);
        return decoded;
    }
}
