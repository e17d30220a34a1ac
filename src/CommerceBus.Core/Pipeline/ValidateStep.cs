using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;
using CommerceBus.Core.Hosting;
using Microsoft.Extensions.Options;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// Applies the contract's field rules, and reports them together with the fields the adapter could not translate, so
/// a client hears about every bad field at once. An invalid command goes no further.
/// </summary>
internal sealed class ValidateStep(IOptionsMonitor<OrderOptions> options) : IInboundStep
{
    public Task InvokeAsync(InboundContext context, InboundStepDelegate next)
    {
        var found = context.Command switch
        {
            PlaceOrder order => OrderValidator.Validate(order, options.CurrentValue.Rules),
            CancelOrder cancel => OrderValidator.Validate(cancel),
            _ => throw new InvalidOperationException($"No validator for {context.Command.GetType().Name}."),
        };

        var translation = context.Message.TranslationErrors;

        // A field the adapter could not read is reported once, as the adapter saw it.
        var errors = translation
            .Concat(found.Where(e => !translation.Any(t => t.Field == e.Field)))
            .ToList();
        if (errors.Count == 0)
        {
            return next(context);
        }

        context.Errors = errors;
        context.Result = new InboundResult
        {
            Outcome = InboundOutcome.Invalid,
            OrderNumber = (context.Command as IOrderCommand)?.OrderNumber,
            Errors = errors,
            Detail = $"The request breaks {errors.Count} field rule(s): {string.Join("; ", errors)}",
        };
        return Task.CompletedTask;
    }
}
