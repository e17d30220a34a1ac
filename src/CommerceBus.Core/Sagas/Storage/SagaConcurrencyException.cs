namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// A saga instance changed in storage between load and save; the message is retried on a fresh copy of the instance.
/// </summary>
public sealed class SagaConcurrencyException(string message, Exception? inner = null) : Exception(message, inner);
