namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// Builds the cases of one adapter from a template of its valid message. Every case gets an order number of its own
/// (letter, 'B', index), so a mutation that stays valid is a new order rather than a conflict, and every order row the
/// hub keeps can be traced to the case that sent it.
/// </summary>
public sealed class CaseList(char letter, Func<string, byte[]> template, string variant = "")
{
    private readonly List<BadInputCase> _cases = [];

    public IReadOnlyList<BadInputCase> Cases => _cases;

    /// <summary>Cases of several lists together (SOAP 1.1 and 1.2, say), renumbered in order.</summary>
    public static IReadOnlyList<BadInputCase> Concat(params CaseList[] lists) =>
        lists.SelectMany(l => l.Cases).Select((c, i) => c with { Index = i }).ToList();

    public string NextNumber => $"{letter}B{_cases.Count:D7}";

    /// <summary>Adds a case made from the valid message under the next number.</summary>
    public void Add(string category, string name, Func<byte[], byte[]> damage, string? caseVariant = null)
    {
        var number = NextNumber;
        _cases.Add(new BadInputCase(_cases.Count, category, name, number, damage(template(number)), caseVariant ?? variant));
    }

    /// <summary>Adds a case of text of its own (it may use the next number, passed in).</summary>
    public void AddText(string category, string name, Func<string, string> text, string? caseVariant = null)
    {
        var number = NextNumber;
        _cases.Add(new BadInputCase(_cases.Count, category, name, number, System.Text.Encoding.UTF8.GetBytes(text(number)), caseVariant ?? variant));
    }

    /// <summary>The protocol-blind mutations: every truncation (each <paramref name="step"/> bytes), byte flips, invalid UTF-8 and noise.</summary>
    public void AddByteMutations(Random random, int step, int flips, int utf8, int noise, int noiseMaxLength)
    {
        var length = template(NextNumber).Length;
        for (var cut = 1; cut < length; cut += step)
        {
            var at = cut;
            Add("truncated", $"cut at {at}", m => ByteMutations.Truncate(m, at));
        }

        for (var i = 0; i < flips; i++)
        {
            var count = 1 + random.Next(4);
            var seed = random.Next();
            Add("byte-flip", $"{count} bytes, rng {seed}", m => ByteMutations.Flip(m, new Random(seed), count));
        }

        for (var i = 0; i < utf8; i++)
        {
            var seed = random.Next();
            Add("invalid-utf8", $"rng {seed}", m => ByteMutations.InsertInvalidUtf8(m, new Random(seed)));
        }

        for (var i = 0; i < noise; i++)
        {
            var seed = random.Next();
            var size = 1 + random.Next(noiseMaxLength);
            Add("random-bytes", $"{size} bytes, rng {seed}", _ => ByteMutations.Noise(new Random(seed), size));
        }
    }
}
