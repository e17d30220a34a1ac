namespace CommerceBus.Abstractions.Envelope;

/// <summary>Envelope headers (on a transport, or stored in a row) that are present but do not read; the message says which and why.</summary>
public sealed class EnvelopeFormatException : FormatException
{
    public EnvelopeFormatException()
    {
    }

    public EnvelopeFormatException(string message)
        : base(message)
    {
    }

    public EnvelopeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
