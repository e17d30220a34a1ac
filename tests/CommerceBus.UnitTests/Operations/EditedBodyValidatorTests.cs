using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Operations;
using Xunit;

namespace CommerceBus.UnitTests.Operations;

public sealed class EditedBodyValidatorTests
{
    private static readonly CapturePayment Original = new(Guid.Parse("2b0f7f55-0a57-4f0b-9a3c-2f8e3e1b6c11"), "A-1001", "POISON-1", 43.48m, "EUR");

    [Fact]
    public void A_complete_body_of_the_same_order_is_accepted_with_its_edits()
    {
        var json = """{"trackingId":"2b0f7f55-0a57-4f0b-9a3c-2f8e3e1b6c11","orderNumber":"A-1001","customerId":"C-42","amount":43.48,"currency":"EUR"}""";

        var edited = Assert.IsType<CapturePayment>(EditedBodyValidator.TryRead(json, typeof(CapturePayment), Original, out var errors));

        Assert.Empty(errors);
        Assert.Equal("C-42", edited.CustomerId);
    }

    [Fact]
    public void Malformed_json_is_refused_with_a_reason()
    {
        Assert.Null(EditedBodyValidator.TryRead("""{"amount": "lots" """, typeof(CapturePayment), Original, out var errors));

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Missing_fields_and_a_move_to_another_order_are_named()
    {
        var json = """{"trackingId":"2b0f7f55-0a57-4f0b-9a3c-2f8e3e1b6c11","orderNumber":"B-2","amount":43.48}""";

        Assert.Null(EditedBodyValidator.TryRead(json, typeof(CapturePayment), Original, out var errors));

        Assert.Contains("orderNumber", errors.Keys);
        Assert.Contains("customerId", errors.Keys);
        Assert.Contains("currency", errors.Keys);
    }

    [Fact]
    public void A_json_value_that_is_not_an_object_is_refused()
    {
        Assert.Null(EditedBodyValidator.TryRead("[1,2]", typeof(CapturePayment), Original, out var errors));

        Assert.NotEmpty(errors);
    }
}
