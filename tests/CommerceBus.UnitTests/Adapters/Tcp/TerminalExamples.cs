namespace CommerceBus.UnitTests.Adapters.Tcp;

/// <summary>The records of contracts/wire/examples, as text (unit tests never read contracts/ at run time).</summary>
internal static class TerminalExamples
{
    public const string PlaceOrder =
        "ORDA-1003      C-42      EUREU  Ada Lovelace                  12 Analytical Way             London              NW1 2DB   GB02  "
        + "BOOK-001    00020000001999PEN-777     00010000000350";

    public const string CancelOrder = "CANA-1003      customer changed mind                   ";

    public const string Status = "STAA-1003      ";
}
