using System.Text;
using CommerceBus.Adapters.Proxy.Soap;
using CommerceBus.Adapters.Proxy.Streaming;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Proxy;

/// <summary>
/// The scanner parses the buffered prefix synchronously and reads more only when the prefix ends before it can decide:
/// these bodies arrive in small pieces, or put the element past the first chunk, to check it never decides on a prefix.
/// </summary>
public sealed class SoapElementScannerTests
{
    private const string Head = """<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:q="urn:q"><soap:Header><Routing><Target>quotes</Target></Routing></soap:Header><soap:Body><q:orders>""";
    private const string Tail = "</q:orders></soap:Body></soap:Envelope>";

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task Element_past_the_first_chunk_is_found_whatever_the_pieces_the_body_arrives_in(int piece)
    {
        var xml = Head + Padding(6000) + "<q:order><q:symbol>IBM</q:symbol></q:order>" + Padding(20000) + Tail;

        var (result, consumed, total) = await ScanAsync(xml, piece, "//order[1]/symbol", SoapSection.Body);

        Assert.Equal(SoapScanOutcome.Found, result.Outcome);
        Assert.Equal("IBM", result.Value);
        Assert.True(consumed < total, $"the scanner read all {total} bytes; it should stop after the element");
    }

    [Fact]
    public async Task Text_cut_by_a_piece_boundary_is_read_whole()
    {
        var xml = Head + "<q:order><q:symbol>INTERNATIONAL-BUSINESS-MACHINES</q:symbol></q:order>" + Tail;

        var (result, _, _) = await ScanAsync(xml, xml.IndexOf("BUSINESS", StringComparison.Ordinal), "//order/symbol", SoapSection.Body);

        Assert.Equal("INTERNATIONAL-BUSINESS-MACHINES", result.Value);
    }

    [Fact]
    public async Task Header_element_is_found_and_the_body_is_not_read()
    {
        var xml = Head + Padding(50000) + Tail;

        var (result, consumed, _) = await ScanAsync(xml, 1 << 20, "/Routing/Target", SoapSection.Header);

        Assert.Equal("quotes", result.Value);
        Assert.True(consumed <= SoapElementScanner.FirstChunkBytes);
    }

    [Fact]
    public async Task Malformed_xml_after_the_first_chunk_is_malformed_not_a_prefix_cut_short()
    {
        var xml = Head + Padding(6000) + "<q:order><q:symbol>IBM</q:wrong></q:order>" + Tail;

        var (result, _, _) = await ScanAsync(xml, 100, "//order/symbol", SoapSection.Body);

        Assert.Equal(SoapScanOutcome.Malformed, result.Outcome);
    }

    [Fact]
    public async Task Body_that_ends_early_is_malformed()
    {
        var xml = Head + "<q:order><q:sym";

        var (result, _, _) = await ScanAsync(xml, 3, "//order/symbol", SoapSection.Body);

        Assert.Equal(SoapScanOutcome.Malformed, result.Outcome);
    }

    [Fact]
    public async Task Element_missing_from_a_complete_body_is_not_found()
    {
        var xml = Head + Padding(9000) + Tail;

        var (result, _, _) = await ScanAsync(xml, 500, "//order/symbol", SoapSection.Body);

        Assert.Equal(SoapScanOutcome.NotFound, result.Outcome);
    }

    private static string Padding(int bytes) => string.Concat(Enumerable.Repeat("<q:note>0123456789</q:note>", bytes / 27));

    private static async Task<(SoapScanResult Result, int Consumed, int Total)> ScanAsync(string xml, int piece, string path, SoapSection section)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        Assert.True(SoapPath.TryParse(path, out var soapPath, out var error), error);
        using var recording = new RecordingStream(new PiecesStream(bytes, piece), 1 << 20);
        var result = await SoapElementScanner.FindAsync(recording, section, soapPath!, 64, CancellationToken.None);
        return (result, recording.Recorded.Length, bytes.Length);
    }

    /// <summary>A body that hands out at most <c>piece</c> bytes per read, as a slow client's would arrive.</summary>
    private sealed class PiecesStream(byte[] bytes, int piece) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
