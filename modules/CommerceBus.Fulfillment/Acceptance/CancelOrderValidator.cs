using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;
using CommerceBus.Core.Pipeline;

namespace CommerceBus.Fulfillment.Acceptance;

/// <summary>The field rules of <see cref="CancelOrder"/>.</summary>
internal sealed class CancelOrderValidator : ICommandValidator
{
    public Type CommandType => typeof(CancelOrder);

    public IReadOnlyList<FieldError> Validate(object command) => OrderValidator.Validate((CancelOrder)command);

    public string? KeyOf(object command) => ((CancelOrder)command).OrderNumber;
}
