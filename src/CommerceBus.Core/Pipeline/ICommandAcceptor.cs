namespace CommerceBus.Core.Pipeline;

/// <summary>
/// Decides, for one command type, whether the hub takes the command on: idempotency, conflicts, the read model. What it
/// adds to <see cref="InboundContext.Db"/> is committed with the journal entry; it sets <see cref="InboundContext.Result"/>.
/// </summary>
public interface ICommandAcceptor
{
    Type CommandType { get; }

    Task AcceptAsync(InboundContext context);
}
