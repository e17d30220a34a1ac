namespace CommerceBus.Core.Pipeline;

/// <summary>
/// Decides, for one command type, whether the hub takes the command on: idempotency, conflicts, the read model. What it
/// adds to <see cref="InboundContext.Db"/> is committed with the journal entry; it sets <see cref="InboundContext.Result"/>.
/// </summary>
public interface ICommandAcceptor
{
    Type CommandType { get; }

    /// <summary>
    /// Whether <see cref="AcceptAsync"/> writes to the database itself, ahead of the pipeline's commit (a conditional
    /// update committed at once). The inbox then reads the message id before this acceptor runs; for an acceptor that
    /// only stages rows (the default) the inbox row's key decides at the commit, and a duplicate is answered on the run
    /// again (<see cref="InboundContext.IsRetry"/>).
    /// </summary>
    bool WritesAheadOfCommit => false;

    Task AcceptAsync(InboundContext context);
}
