using System.Text.RegularExpressions;

namespace CommerceBus.OperatorConsole.Failures;

/// <summary>
/// What makes two failures "the same problem": the exception type and its message with the parts that differ per
/// message (numbers, GUIDs, quoted values, addresses) replaced, so a thousand "order A-1001 ... order A-1002" failures
/// make one group.
/// </summary>
public static partial class ExceptionFingerprint
{
    /// <summary>The fingerprint of an exception: <c>{type}: {normalised message}</c>; a missing type reads <c>(no exception)</c>.</summary>
    public static string Of(string? exceptionType, string? message) =>
        $"{(string.IsNullOrWhiteSpace(exceptionType) ? "(no exception)" : exceptionType.Trim())}: {Normalise(message)}";

    /// <summary>The message with its variable parts replaced: <c>'…'</c> and <c>"…"</c> by <c>'*'</c>, GUIDs by <c>{guid}</c>, every word with a digit in it, and every word of six or more capitals, by <c>#</c>.</summary>
    public static string Normalise(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "";
        }

        var text = message.Length > 2000 ? message[..2000] : message;
        text = Quoted().Replace(text, m => $"{m.Value[0]}*{m.Value[0]}");
        text = Guid().Replace(text, "{guid}");
        text = WithDigits().Replace(text, "#");
        text = CodeWord().Replace(text, "#");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex("'[^']*'|\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\b")]
    private static partial Regex Guid();

    // Every word that carries a digit: numbers (42; 3.50 reads #.#), order numbers (A-1001, T4K2Q9ZB7XWM), skus, ports.
    [GeneratedRegex(@"\b[\w-]*\d[\w-]*")]
    private static partial Regex WithDigits();

    // A word of six or more capitals (and hyphens) reads as a code too: an order number may have no digit (TGRBVSKBMRHA),
    // and two failures must not make two groups because one of their order numbers happened to have none.
    [GeneratedRegex(@"\b[A-Z][A-Z-]{5,}\b")]
    private static partial Regex CodeWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
