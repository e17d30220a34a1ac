using System.Buffers;
using System.Text;
using CommerceBus.Adapters.Tcp.Framing;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Tcp;

public sealed class LfFramerTests
{
    [Fact]
    public void Records_are_cut_at_LF_and_a_CR_before_the_LF_is_dropped()
    {
        var framer = new LfFramer(4096);
        var buffer = Sequences.Of("STA1\r\nST", "A2\nSTA3");

        Assert.Equal(["STA1", "STA2"], ReadAll(framer, ref buffer));
        Assert.Equal("STA3", Sequences.Text(buffer));
        Assert.True(framer.InRecord(buffer));
    }

    [Fact]
    public void CR_that_is_not_before_the_LF_stays_in_the_record()
    {
        var framer = new LfFramer(4096);
        var buffer = Sequences.Of("A\rB\r\r\n");

        Assert.Equal(["A\rB\r"], ReadAll(framer, ref buffer));
    }

    [Fact]
    public void Record_at_the_limit_is_a_record_even_with_a_CR()
    {
        var framer = new LfFramer(8);
        var buffer = Sequences.Of("12345678\r", "\n");

        Assert.Equal(["12345678"], ReadAll(framer, ref buffer));
    }

    [Fact]
    public void Record_over_the_limit_with_its_LF_is_too_long_once()
    {
        var framer = new LfFramer(8);
        var buffer = Sequences.Of("123456789\nOK\n");

        Assert.Equal(FrameStatus.TooLong, framer.TryRead(ref buffer, out _));
        Assert.Equal(["OK"], ReadAll(framer, ref buffer));
    }

    [Fact]
    public void Record_over_the_limit_without_LF_is_reported_before_its_end_and_skipped_to_the_next_LF()
    {
        var framer = new LfFramer(8);
        var buffer = Sequences.Of("1234567890");

        Assert.Equal(FrameStatus.TooLong, framer.TryRead(ref buffer, out _));
        Assert.True(buffer.IsEmpty, "nothing of an over-long record is kept");
        Assert.True(framer.InRecord(buffer));

        var more = Sequences.Of(new string('x', 100));
        Assert.Equal(FrameStatus.NeedMore, framer.TryRead(ref more, out _));
        Assert.True(more.IsEmpty);

        var end = Sequences.Of("tail\nNEXT\n");
        Assert.Equal(["NEXT"], ReadAll(framer, ref end));
        Assert.False(framer.InRecord(end));
    }

    [Fact]
    public void Partial_record_within_the_limit_waits_for_more()
    {
        var framer = new LfFramer(8);
        var buffer = Sequences.Of("123456789");

        Assert.Equal(FrameStatus.NeedMore, framer.TryRead(ref buffer, out _));
        Assert.Equal(9, buffer.Length);
    }

    [Fact]
    public void Empty_line_is_an_empty_record()
    {
        var framer = new LfFramer(8);
        var buffer = Sequences.Of("\n\r\n");

        Assert.Equal(["", ""], ReadAll(framer, ref buffer));
    }

    [Fact]
    public void Written_record_ends_with_LF()
    {
        var output = new ArrayBufferWriter<byte>();

        new LfFramer(8).Write("ACK"u8, output);

        Assert.Equal("ACK\n", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    private static List<string> ReadAll(IRecordFramer framer, ref ReadOnlySequence<byte> buffer)
    {
        var records = new List<string>();
        while (framer.TryRead(ref buffer, out var record) is var status && status != FrameStatus.NeedMore)
        {
            Assert.Equal(FrameStatus.Record, status);
            records.Add(Sequences.Text(record));
        }

        return records;
    }
}
