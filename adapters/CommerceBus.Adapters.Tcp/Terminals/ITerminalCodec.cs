using System.Buffers;

namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>Turns one framed record into a <see cref="TerminalRequest"/> and a <see cref="TerminalReply"/> into record bytes.</summary>
internal interface ITerminalCodec
{
    /// <summary>Decodes a record; a record it cannot read becomes a <see cref="RejectedRecord"/>, never an exception.</summary>
    TerminalRequest Decode(ReadOnlySequence<byte> record);

    /// <summary>Writes the reply's record, without framing.</summary>
    void Encode(TerminalReply reply, IBufferWriter<byte> output);
}
