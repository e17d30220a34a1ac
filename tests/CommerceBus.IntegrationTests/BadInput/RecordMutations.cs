using System.Text;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// Damage that knows the fixed-width ORD record of contracts/wire/legacy-tcp.md: fields blanked or of the wrong kind,
/// line counts that do not match, wrong lengths and record types, control characters, records over the limit.
/// </summary>
public static class RecordMutations
{
    /// <summary>The fields of an ORD record with two lines: name, 0-based offset, length, numeric.</summary>
    private static readonly (string Name, int At, int Length, bool Numeric)[] Fields =
    [
        ("type", 0, 3, false), ("orderNumber", 3, 12, false), ("customerId", 15, 10, false), ("currency", 25, 3, false),
        ("region", 28, 4, false), ("shipTo.name", 32, 30, false), ("shipTo.street", 62, 30, false), ("shipTo.city", 92, 20, false),
        ("shipTo.postalCode", 112, 10, false), ("shipTo.country", 122, 2, false), ("lineCount", 124, 2, true), ("reserved", 126, 2, false),
        ("lines[0].sku", 128, 12, false), ("lines[0].quantity", 140, 4, true), ("lines[0].unitPrice", 144, 10, true),
        ("lines[1].sku", 154, 12, false), ("lines[1].quantity", 166, 4, true), ("lines[1].unitPrice", 170, 10, true),
    ];

    private static readonly string[] WrongNumbers = ["ABCDEFGHIJ", "-000000001", "+000000001", " 1        ", "1.50000000", "0x1F000000", "          "];

    private static readonly string[] WrongTexts = ["\u0001", "\u0000", "\t", "\u007F", "\u00E9", "\u00FF", "          "];

    public static void AddStructural(CaseList cases, Func<string, string> valid)
    {
        foreach (var (name, at, length, numeric) in Fields)
        {
            cases.AddText("missing-field", $"{name} blank", n => Put(valid(n), at, new string(' ', length)));
            foreach (var value in numeric ? WrongNumbers : WrongTexts)
            {
                cases.AddText("wrong-type", $"{name} = '{Escape(value)}'", n => Put(valid(n), at, value.PadRight(length)[..length]));
            }
        }

        foreach (var count in new[] { "00", "01", "03", "20", "21", "99", "-1", "  ", "1 ", "AB" })
        {
            cases.AddText("wrong-count", $"line count {count}", n => Put(valid(n), 124, count));
        }

        foreach (var extra in new[] { 1, 13, 25, 26, 27, 52 })
        {
            cases.AddText("wrong-length", $"{extra} extra bytes", n => valid(n) + new string('0', extra));
        }

        foreach (var type in new[] { "XYZ", "ord", "OR ", "   ", "CAN", "STA", "ACK", "NAK" })
        {
            cases.AddText("unknown-type", $"type {type}", n => Put(valid(n), 0, type));
        }

        foreach (var (name, record) in new (string, Func<string, string>)[]
        {
            ("CAN short", n => "CAN" + n), ("CAN unknown order", n => "CAN" + n.PadRight(12) + "changed my mind".PadRight(40)),
            ("CAN long", n => "CAN" + n.PadRight(12) + new string('x', 41)), ("STA unknown order", n => "STA" + n.PadRight(12)),
            ("STA short", _ => "STA"), ("one byte", _ => "O"), ("blanks", _ => new string(' ', 128)),
        })
        {
            cases.AddText("other-records", name, record);
        }

        foreach (var size in new[] { 4097, 5000, 65_536, 1024 * 1024 })
        {
            cases.AddText("oversize", $"{size} bytes", n => valid(n) + new string('0', size - valid(n).Length));
        }

        foreach (var (name, value) in new[] { ("CR inside", "\r"), ("NUL", "\0"), ("ESC", "\u001b"), ("DEL", "\u007f"), ("BEL", "\a") })
        {
            cases.AddText("control-chars", name, n => Put(valid(n), 40, value));
        }
    }

    private static string Put(string record, int at, string value) => record[..at] + value + record[(at + value.Length)..];

    private static string Escape(string value) =>
        string.Concat(value.Select(ch => ch is < ' ' or > '~' ? $"\\u{(int)ch:X4}" : ch.ToString()));

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);
}
