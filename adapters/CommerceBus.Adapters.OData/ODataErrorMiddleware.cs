using CommerceBus.Adapters.OData.Querying;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.OData;

namespace CommerceBus.Adapters.OData;

/// <summary>
/// Answers any unexpected failure under the OData prefix with an OData error body: the client learns the query failed
/// and the trace id to quote, never the exception (its message may hold SQL, its stack trace the server's insides).
/// </summary>
internal sealed partial class ODataErrorMiddleware(RequestDelegate next, string prefix, ILogger<ODataErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(prefix))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogQueryFailed(logger, exception, context.Request.Path, context.Request.QueryString.Value ?? "", context.TraceIdentifier);
            var badQuery = exception is ODataException;
            context.Response.Clear();
            context.Response.StatusCode = badQuery ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
            var error = badQuery
                ? ODataErrors.Of(ODataErrors.InvalidQuery, exception.Message)
                : ODataErrors.Of(ODataErrors.QueryFailed, $"The query could not be run; the hub's log has the details under trace id {context.TraceIdentifier}.");
            await context.Response.WriteAsJsonAsync(new { error = new { code = error.Code, message = error.Message } }, context.RequestAborted);
        }
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Error, Message = "OData query {Path}{Query} failed (trace id {TraceId})")]
    private static partial void LogQueryFailed(ILogger logger, Exception exception, string path, string query, string traceId);
}
