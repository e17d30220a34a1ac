namespace CommerceBus.Core.Failures;

/// <summary>
/// Why an inbound message was given up at the intake (the hub kept answering "unavailable"), as the failed-message
/// store keeps every failure: an exception type to group by and a message. It is recorded, never thrown.
/// </summary>
public sealed class IntakeRejectedException : Exception
{
    public IntakeRejectedException()
    {
    }

    public IntakeRejectedException(string message)
        : base(message)
    {
    }

    public IntakeRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
