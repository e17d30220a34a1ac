namespace CommerceBus.Persistence;

/// <summary>The database's schema is not one this hub can run on as it is (newer, pending by hand, or foreign); the message says what to do.</summary>
public sealed class SchemaVersionException(string message) : Exception(message);
