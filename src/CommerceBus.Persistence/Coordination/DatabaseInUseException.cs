namespace CommerceBus.Persistence.Coordination;

/// <summary>The database is another hub's alone (an embedded SQLite file another process runs on); the message says what to do instead.</summary>
public sealed class DatabaseInUseException(string message, Exception innerException) : InvalidOperationException(message, innerException);
