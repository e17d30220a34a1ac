using System.Buffers;

namespace CommerceBus.Adapters.Tcp.Framing;

/// <summary>Cuts a byte stream into records and frames records for writing. One instance per connection: it has state.</summary>
internal interface IRecordFramer
{
    /// <summary>
    /// Takes the next frame from the start of <paramref name="buffer"/> and moves the buffer's start past what it used up
    /// (the record, or the bytes of an over-long record it skipped). <paramref name="record"/> is valid until the reader advances.
    /// </summary>
    FrameStatus TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> record);

    /// <summary>Whether a record has begun and not ended: bytes are buffered, or the rest of an over-long record is being skipped.</summary>
    bool InRecord(in ReadOnlySequence<byte> buffer);

    void Write(ReadOnlySpan<byte> record, IBufferWriter<byte> output);
}
