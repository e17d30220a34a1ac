namespace CommerceBus.Adapters.Rest;

/// <summary>The body of a cancel request, as the OpenAPI document describes it (the handler reads it with the order JSON reader).</summary>
internal sealed record CancelRequestBody(string? Reason);
