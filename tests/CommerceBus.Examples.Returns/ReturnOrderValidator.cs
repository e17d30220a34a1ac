using CommerceBus.Contracts.Validation;
using CommerceBus.Core.Pipeline;

namespace CommerceBus.Examples.Returns;

/// <summary>The field rules of <see cref="ReturnOrder"/>: the pipeline's validate step runs them before anything is stored.</summary>
internal sealed class ReturnOrderValidator : ICommandValidator
{
    public Type CommandType => typeof(ReturnOrder);

    public IReadOnlyList<FieldError> Validate(object command)
    {
        var order = (ReturnOrder)command;
        List<FieldError> errors = [];
        if (!OrderValidator.IsCode(order.OrderNumber, 12))
        {
            errors.Add(new FieldError("orderNumber", "is required: letters, digits and '-', at most 12"));
        }

        if (string.IsNullOrWhiteSpace(order.Sku))
        {
            errors.Add(new FieldError("sku", "is required"));
        }

        if (order.Quantity <= 0)
        {
            errors.Add(new FieldError("quantity", "must be at least 1"));
        }

        return errors;
    }

    public string? KeyOf(object command) => ((ReturnOrder)command).OrderNumber;
}
