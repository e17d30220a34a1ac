using CommerceBus.Abstractions.Inbound;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// Applies the contract's field rules, and reports them together with the fields the adapter could not translate, so
/// a client hears about every bad field at once. An invalid command goes no further. The rules are the command's
/// module's (<see cref="ICommandValidator"/>, one per command type).
/// </summary>
internal sealed class ValidateStep(IEnumerable<ICommandValidator> validators) : IInboundStep
{
    private readonly Dictionary<Type, ICommandValidator> _byType = validators.ToDictionary(v => v.CommandType);

    public Task InvokeAsync(InboundContext context, InboundStepDelegate next)
    {
        if (!_byType.TryGetValue(context.Command.GetType(), out var validator))
        {
            throw new InvalidOperationException($"No validator for {context.Command.GetType().Name}.");
        }

        var found = validator.Validate(context.Command);

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
            OrderNumber = validator.KeyOf(context.Command),
            Errors = errors,
            Detail = $"The request breaks {errors.Count} field rule(s): {string.Join("; ", errors)}",
        };
        return Task.CompletedTask;
    }
}
