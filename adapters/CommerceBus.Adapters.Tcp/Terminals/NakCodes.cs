namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>The NAK codes of <c>contracts/wire/legacy-tcp.md</c>.</summary>
internal static class NakCodes
{
    public const string WrongLength = "E001";
    public const string UnknownType = "E002";
    public const string InvalidField = "E003";
    public const string UnknownOrder = "E004";
    public const string TooLong = "E005";
    public const string Unavailable = "E999";
}
