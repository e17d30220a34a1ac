using CommerceBus.Contracts.Validation;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// The field rules of one canonical command type, registered by the module that owns the command; the pipeline's
/// validate step runs the one of the command's type and refuses the command with what it found.
/// </summary>
public interface ICommandValidator
{
    /// <summary>The command type this validator checks.</summary>
    Type CommandType { get; }

    /// <summary>What is wrong with <paramref name="command"/> (of <see cref="CommandType"/>); empty when nothing is.</summary>
    IReadOnlyList<FieldError> Validate(object command);

    /// <summary>The business key an answer about the command names (an order number), if it has one.</summary>
    string? KeyOf(object command);
}
