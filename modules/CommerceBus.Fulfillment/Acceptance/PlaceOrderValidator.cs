using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;
using CommerceBus.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace CommerceBus.Fulfillment.Acceptance;

/// <summary>The field rules of <see cref="PlaceOrder"/>, with the currencies configured at <c>CommerceBus:Orders</c> (read at each order).</summary>
internal sealed class PlaceOrderValidator(IOptionsMonitor<OrderOptions> options) : ICommandValidator
{
    public Type CommandType => typeof(PlaceOrder);

    public IReadOnlyList<FieldError> Validate(object command) => OrderValidator.Validate((PlaceOrder)command, options.CurrentValue.Rules);

    public string? KeyOf(object command) => ((PlaceOrder)command).OrderNumber;
}
