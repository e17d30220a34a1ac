using System.Text.Json.Nodes;
using CommerceBus.Contracts.Validation;

namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>
/// A record read by its layout: the fields as a JSON object under their canonical names, and the fields whose characters
/// could not be read (a quantity that is not digits), which travel on as translation errors.
/// </summary>
internal sealed record DecodedRecord(RecordLayout Layout, JsonObject Body, IReadOnlyList<FieldError> Errors);
