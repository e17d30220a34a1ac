using Microsoft.OData;

namespace CommerceBus.Adapters.OData.Querying;

/// <summary>The error codes of the query API and the bodies that carry them (never an inner error: no stack trace leaks).</summary>
internal static class ODataErrors
{
    public const string InvalidQuery = "InvalidQuery";
    public const string QueryFailed = "QueryFailed";

    public static ODataError Of(string code, string message) => new() { Code = code, Message = message };
}
