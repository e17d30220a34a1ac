using System.Globalization;
using System.Text;

namespace CommerceBus.DemoEndpoints.Shipping;

/// <summary>
/// The legacy shipping system's own record layout (<c>contracts/demo/legacy-shipping.md</c>): a <c>BKS</c> booking
/// request, answered <c>BKD</c> (booked, with a tracking number), <c>BKR</c> (refused) or <c>ERR</c> (unreadable).
/// </summary>
/// <remarks>Written by hand, as the legacy system would be: it shares no code with the hub's TCP connector.</remarks>
public static class ShippingRecords
{
    public const int FixedLength = 153;
    public const int LineLength = 16;
    public const int MaxLines = 20;

    /// <summary>A booking request as the shipping system reads it.</summary>
    public sealed record Booking(string Reference, string TrackingId, string OrderNumber, string PostalCode, int Lines);

    /// <summary>Reads a BKS record; returns null and the reason when it cannot.</summary>
    public static Booking? Read(string record, out string reference, out string? error)
    {
        reference = record.Length >= 11 && record.AsSpan(3, 8).ContainsOnlyDigits() ? record.Substring(3, 8) : "00000000";
        error = null;
        if (record.Any(c => c is < ' ' or > '~'))
        {
            error = "record is not printable ASCII";
        }
        else if (!record.StartsWith("BKS", StringComparison.Ordinal))
        {
            error = $"unknown record type '{(record.Length >= 3 ? record[..3] : record)}'";
        }
        else if (record.Length < FixedLength || !record.AsSpan(151, 2).ContainsOnlyDigits())
        {
            error = $"BKS must be at least {FixedLength} characters with a line count at 152";
        }
        else if (int.Parse(record.AsSpan(151, 2), CultureInfo.InvariantCulture) is var lines && (lines is < 1 or > MaxLines || record.Length != FixedLength + (lines * LineLength)))
        {
            error = $"BKS with {lines} lines must be {FixedLength + (lines * LineLength)} characters (was {record.Length})";
        }
        else if (!record.AsSpan(3, 8).ContainsOnlyDigits())
        {
            error = "reference must be 8 digits";
        }
        else
        {
            return new Booking(reference, record.Substring(11, 36).TrimEnd(), record.Substring(47, 12).TrimEnd(), record.Substring(139, 10).TrimEnd(), lines);
        }

        return null;
    }

    public static string Booked(string reference, string orderNumber, string trackingNumber) =>
        "BKD" + reference + Text(orderNumber, 12) + Text(trackingNumber, 20);

    public static string Refused(string reference, string orderNumber, string reason) =>
        "BKR" + reference + Text(orderNumber, 12) + Free(reason);

    public static string Error(string reference, string reason) => "ERR" + reference + Free(reason);

    private static string Text(string value, int length) => value.Length >= length ? value[..length] : value.PadRight(length);

    private static string Free(string value) => value.Length > 80 ? value[..80] : value;

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span) => !span.IsEmpty && !span.ContainsAnyExceptInRange('0', '9');

    internal static byte[] Line(string record) => Encoding.ASCII.GetBytes(record + "\n");
}
