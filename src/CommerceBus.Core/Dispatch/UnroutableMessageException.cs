namespace CommerceBus.Core.Dispatch;

/// <summary>No route takes a message and there is no default route: a configuration problem, not a transient one.</summary>
public sealed class UnroutableMessageException(string message) : Exception(message);
