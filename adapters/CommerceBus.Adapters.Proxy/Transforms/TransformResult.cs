namespace CommerceBus.Adapters.Proxy.Transforms;

/// <summary>A rewritten body with its content type, or why the body could not be rewritten.</summary>
internal readonly record struct TransformResult(byte[]? Body, string? ContentType, string? Problem);
