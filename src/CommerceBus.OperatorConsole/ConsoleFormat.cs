using System.Globalization;

namespace CommerceBus.OperatorConsole;

/// <summary>How the console writes times, ages and durations: the same way on every page, readable without colour.</summary>
public static class ConsoleFormat
{
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => Time(at.UtcDateTime);

    public static string Time(DateTime? utc) => utc is { } t ? Time(t) : "—";

    public static string Time(DateTimeOffset? at) => at is { } t ? Time(t) : "—";

    /// <summary>An age or a duration: <c>850 ms</c>, <c>12.3 s</c>, <c>4 min 05 s</c>, <c>2 h 10 min</c>, <c>3 d 4 h</c>.</summary>
    public static string Span(TimeSpan span)
    {
        var negative = span < TimeSpan.Zero;
        var s = negative ? -span : span;
        var text = s.TotalSeconds < 1 ? $"{s.TotalMilliseconds:0} ms"
            : s.TotalMinutes < 1 ? $"{s.TotalSeconds:0.0} s"
            : s.TotalHours < 1 ? $"{(int)s.TotalMinutes} min {s.Seconds:00} s"
            : s.TotalDays < 1 ? $"{(int)s.TotalHours} h {s.Minutes:00} min"
            : $"{(int)s.TotalDays} d {s.Hours} h";
        return negative ? "-" + text : text;
    }

    public static string Span(TimeSpan? span) => span is { } s ? Span(s) : "—";

    public static string Ms(double milliseconds) => Span(TimeSpan.FromMilliseconds(milliseconds));

    public static string Number(double value) => value.ToString(value >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture);
}
