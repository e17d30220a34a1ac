using CommerceBus.OperatorConsole.Failures;
using Xunit;

namespace CommerceBus.UnitTests.OperatorConsole;

public sealed class ExceptionFingerprintTests
{
    [Fact]
    public void Failures_that_differ_only_in_order_numbers_amounts_and_customers_share_a_fingerprint()
    {
        var first = ExceptionFingerprint.Of("PaymentsDownException", "payments cannot take the capture of order TQ7X2KM4ZB9W for C-42 (19.99 EUR)");
        var second = ExceptionFingerprint.Of("PaymentsDownException", "payments cannot take the capture of order T0AB1CD2EF3G for C-1001 (3.50 EUR)");

        Assert.Equal(first, second);
        Assert.Equal("PaymentsDownException: payments cannot take the capture of order # for # (#.# EUR)", first);
    }

    [Fact]
    public void An_order_number_without_a_digit_is_left_out_like_one_with_digits()
    {
        var lettersOnly = ExceptionFingerprint.Of("PaymentsDownException", "payments cannot take the capture of order TGRBVSKBMRHA for C-42");
        var withDigits = ExceptionFingerprint.Of("PaymentsDownException", "payments cannot take the capture of order TQ7X2KM4ZB9W for C-1001");

        Assert.Equal(withDigits, lettersOnly);
        Assert.Equal("PaymentsDownException: payments cannot take the capture of order # for #", lettersOnly);
    }

    [Fact]
    public void Guids_quoted_values_and_addresses_are_left_out()
    {
        var first = ExceptionFingerprint.Of("System.Net.Http.HttpRequestException", "Connection refused (127.0.0.1:5103) for '7d0c3c1e-1b1f-4c52-9a55-0a1b2c3d4e5f' sku \"OOS-1\"");
        var second = ExceptionFingerprint.Of("System.Net.Http.HttpRequestException", "Connection refused (10.0.0.7:443) for 'another' sku \"BOOK-001\"");

        Assert.Equal(first, second);
        Assert.Equal("System.Net.Http.HttpRequestException: Connection refused (#.#.#.#:#) for '*' sku \"*\"", first);
    }

    [Fact]
    public void An_unquoted_guid_reads_as_guid()
    {
        Assert.Equal("no saga {guid} here", ExceptionFingerprint.Normalise("no saga 7d0c3c1e-1b1f-4c52-9a55-0a1b2c3d4e5f here"));
    }

    [Fact]
    public void Another_exception_type_or_another_wording_is_another_fingerprint()
    {
        var timeout = ExceptionFingerprint.Of("TimeoutException", "payments did not answer in 10 s");

        Assert.NotEqual(timeout, ExceptionFingerprint.Of("TaskCanceledException", "payments did not answer in 10 s"));
        Assert.NotEqual(timeout, ExceptionFingerprint.Of("TimeoutException", "payments refused the connection"));
    }

    [Fact]
    public void Whitespace_is_collapsed_and_a_missing_type_or_message_still_makes_a_fingerprint()
    {
        Assert.Equal("X: a b", ExceptionFingerprint.Of(" X ", "  a \n\t b "));
        Assert.Equal("(no exception): ", ExceptionFingerprint.Of(null, null));
    }
}
