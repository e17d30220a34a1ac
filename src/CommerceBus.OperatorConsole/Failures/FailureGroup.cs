namespace CommerceBus.OperatorConsole.Failures;

/// <summary>The failed messages waiting at one endpoint with one exception fingerprint.</summary>
/// <param name="Key">A short stable key of the endpoint and fingerprint, for links.</param>
/// <param name="Sample">The reason of the newest member, as stored.</param>
/// <param name="Ids">The members, oldest first.</param>
/// <param name="Endpoint">Where the messages failed.</param>
/// <param name="ExceptionType">The exception type of the group.</param>
/// <param name="Fingerprint">The exception fingerprint.</param>
/// <param name="MessageTypes">The message types in the group.</param>
/// <param name="FirstSeen">When the oldest member failed.</param>
/// <param name="LastSeen">When the newest member failed.</param>
public sealed record FailureGroup(
    string Key,
    string Endpoint,
    string ExceptionType,
    string Fingerprint,
    string Sample,
    IReadOnlyList<string> MessageTypes,
    DateTime FirstSeen,
    DateTime LastSeen,
    IReadOnlyList<long> Ids)
{
    public int Count => Ids.Count;
}
