namespace CommerceBus.Core.Dispatch;

/// <summary>
/// What the dispatcher needs to know of a routed command type its module owns: the business key it is about (the journal,
/// logs and failed-message store name it), the process instance it belongs to (the module's saga), and the reply that
/// tells the module its route has no endpoints, so the step is not needed.
/// </summary>
/// <typeparam name="TCommand">The routed command type.</typeparam>
public sealed class RoutedCommandShape<TCommand>(
    Func<TCommand, string?> keyOf,
    Func<TCommand, Guid> instanceOf,
    Func<TCommand, SkippedRoute, object> skipped)
    where TCommand : class
{
    public string? KeyOf(TCommand command) => keyOf(command);

    public Guid InstanceOf(TCommand command) => instanceOf(command);

    /// <summary>The reply the module's process hears when the command's route has no endpoints.</summary>
    public object Skipped(TCommand command, SkippedRoute route) => skipped(command, route);
}

/// <summary>A command whose route has no endpoints: its canonical message type and the route that took it.</summary>
public sealed record SkippedRoute(string MessageType, string Route);
