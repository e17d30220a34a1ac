namespace CommerceBus.Core.Pipeline;

/// <summary>Hands the command to the acceptor of its type, the last step before the commit.</summary>
internal sealed class AcceptStep(IEnumerable<ICommandAcceptor> acceptors) : IInboundStep
{
    private readonly Dictionary<Type, ICommandAcceptor> _byType = acceptors.ToDictionary(a => a.CommandType);

    /// <summary>Whether the acceptor of <paramref name="commandType"/> writes ahead of the commit (see <see cref="ICommandAcceptor.WritesAheadOfCommit"/>).</summary>
    public bool WritesAheadOfCommit(Type commandType) => !_byType.TryGetValue(commandType, out var acceptor) || acceptor.WritesAheadOfCommit;

    public async Task InvokeAsync(InboundContext context, InboundStepDelegate next)
    {
        if (!_byType.TryGetValue(context.Command.GetType(), out var acceptor))
        {
            throw new InvalidOperationException($"No acceptor is registered for {context.Command.GetType().Name}.");
        }

        await acceptor.AcceptAsync(context);
        await next(context);
    }
}
