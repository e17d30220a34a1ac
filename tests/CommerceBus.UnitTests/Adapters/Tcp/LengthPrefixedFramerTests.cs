using System.Buffers;
using CommerceBus.Adapters.Tcp.Framing;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Tcp;

public sealed class LengthPrefixedFramerTests
{
    [Fact]
    public void Records_are_read_by_their_big_endian_prefix_across_segments()
    {
        var framer = new LengthPrefixedFramer(100, 4);
        var buffer = Sequences.Of("\0\0\0\u0003A", "BC\0\0", "\0\u0002XY\0");

        Assert.Equal(FrameStatus.Record, framer.TryRead(ref buffer, out var first));
        Assert.Equal("ABC", Sequences.Text(first));
        Assert.Equal(FrameStatus.Record, framer.TryRead(ref buffer, out var second));
        Assert.Equal("XY", Sequences.Text(second));
        Assert.Equal(FrameStatus.NeedMore, framer.TryRead(ref buffer, out _));
        Assert.Equal(1, buffer.Length);
    }

    [Fact]
    public void Record_over_the_limit_is_reported_at_its_prefix_and_its_bytes_skipped_as_they_come()
    {
        var framer = new LengthPrefixedFramer(4, 2);
        var buffer = Sequences.Of("\0\u000A12345");

        Assert.Equal(FrameStatus.TooLong, framer.TryRead(ref buffer, out _));
        Assert.Equal(FrameStatus.NeedMore, framer.TryRead(ref buffer, out _));
        Assert.True(buffer.IsEmpty);
        Assert.True(framer.InRecord(buffer));

        var rest = Sequences.Of("67890\0\u0002OK");
        Assert.Equal(FrameStatus.Record, framer.TryRead(ref rest, out var next));
        Assert.Equal("OK", Sequences.Text(next));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Written_record_carries_its_length(int prefixBytes)
    {
        var output = new ArrayBufferWriter<byte>();
        var framer = new LengthPrefixedFramer(100, prefixBytes);

        framer.Write("ACK"u8, output);

        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.Equal(prefixBytes + 3, buffer.Length);
        Assert.Equal(FrameStatus.Record, framer.TryRead(ref buffer, out var record));
        Assert.Equal("ACK", Sequences.Text(record));
    }
}
