using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;
using CommerceBus.Core.Pipeline;
using CommerceBus.Fulfillment.Acceptance;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.UnitTests.Pipeline;

public sealed class ValidateStepTests
{
    [Fact]
    public async Task Translation_errors_and_rule_errors_are_reported_together_each_field_once()
    {
        var step = new ValidateStep([new PlaceOrderValidator(new FixedOptions(new OrderOptions())), new CancelOrderValidator()]);
        var message = new InboundMessage
        {
            Command = new PlaceOrder { OrderNumber = "A-1", Lines = [new OrderLine { Sku = "A", Quantity = 0, UnitPrice = 1 }] },
            SourceAdapter = "test",
            TranslationErrors = [new FieldError("lines[0].quantity", "must be a number (was a string)")],
        };
        var context = new InboundContext(message, null!, CancellationToken.None);
        var reachedNext = false;

        await step.InvokeAsync(context, _ => { reachedNext = true; return Task.CompletedTask; });

        Assert.False(reachedNext);
        Assert.Equal(InboundOutcome.Invalid, context.Result!.Outcome);
        var quantity = Assert.Single(context.Result.Errors, e => e.Field == "lines[0].quantity");
        Assert.Equal("must be a number (was a string)", quantity.Message);
        Assert.Contains(context.Result.Errors, e => e.Field == "customerId");
    }

    [Fact]
    public async Task Valid_command_goes_on_to_the_next_step()
    {
        var step = new ValidateStep([new PlaceOrderValidator(new FixedOptions(new OrderOptions { Currencies = ["CHF"] })), new CancelOrderValidator()]);
        var order = new PlaceOrder
        {
            OrderNumber = "A-1",
            CustomerId = "C",
            Currency = "CHF",
            Region = "EU",
            ShipTo = new Address { Name = "N", Street = "S", City = "C", PostalCode = "1", Country = "CH" },
            Lines = [new OrderLine { Sku = "A", Quantity = 1, UnitPrice = 1 }],
        };
        var context = new InboundContext(new InboundMessage { Command = order, SourceAdapter = "test" }, null!, CancellationToken.None);
        var reachedNext = false;

        await step.InvokeAsync(context, _ => { reachedNext = true; return Task.CompletedTask; });

        Assert.True(reachedNext);
        Assert.Null(context.Result);
    }

    private sealed class FixedOptions(OrderOptions value) : IOptionsMonitor<OrderOptions>
    {
        public OrderOptions CurrentValue => value;

        public OrderOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<OrderOptions, string?> listener) => null;
    }
}
