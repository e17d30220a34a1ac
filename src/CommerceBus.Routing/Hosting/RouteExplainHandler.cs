using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CommerceBus.Routing.Hosting;

/// <summary>Serves <c>POST /api/routes/explain</c>: which rule a message would take and why, without sending it anywhere.</summary>
internal static class RouteExplainHandler
{
    public const string Pattern = "/api/routes/explain";

    public static async Task<IResult> HandleAsync(HttpRequest request, [FromServices] IMessageRouter router, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException exception)
        {
            // The parser's message names the position and nothing of the server; the exception itself stays here.
            return Results.Problem(title: "The request body is not valid JSON.", detail: exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            return RouteExplainRequest.TryRead(document.RootElement, out var message, out var errors)
                ? Results.Json(router.Explain(message))
                : Results.ValidationProblem(errors, title: "The explain request is invalid.");
        }
    }
}
