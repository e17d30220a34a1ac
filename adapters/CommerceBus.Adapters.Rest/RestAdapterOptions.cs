namespace CommerceBus.Adapters.Rest;

/// <summary>Options of the REST order intake (configuration <c>CommerceBus:Adapters:Rest</c>).</summary>
public sealed class RestAdapterOptions
{
    /// <summary>Where the order resource lives.</summary>
    public string BasePath { get; set; } = "/api/orders";

    /// <summary>The largest request body accepted, in bytes; a larger one gets 413.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Request headers with this prefix are kept in the envelope, where routes can match on them.</summary>
    public string KeptHeaderPrefix { get; set; } = "X-";
}
