using CommerceBus.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using CommerceBus.Core.Failures;

namespace CommerceBus.Operations;

/// <summary>
/// The operator's API over the failed-message store at <c>/api/failed-messages</c>: list, inspect, retry one, retry a
/// group, edit and retry, discard. Guarded in front of it by the host's operator policy (CommerceBus.Security); every
/// action is recorded under the authenticated client's id (<see cref="OperatorAccess"/>).
/// </summary>
public static class FailedMessagesApi
{
    public const string Pattern = "/api/failed-messages";
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapFailedMessagesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Pattern).WithTags("FailedMessages");

        api.MapGet("/", ListAsync).WithName("ListFailedMessages")
            .Produces<FailedMessagePage>().ProducesValidationProblem();
        api.MapGet("/{id:long}", GetAsync).WithName("GetFailedMessage")
            .Produces<FailedMessageDetails>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:long}/retry", RetryAsync).WithName("RetryFailedMessage")
            .Produces<FailedMessageAction>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:long}/edit-and-retry", EditAndRetryAsync).WithName("EditAndRetryFailedMessage")
            .Accepts<object>("application/json")
            .Produces<FailedMessageAction>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/retry-group", RetryGroupAsync).WithName("RetryFailedMessageGroup")
            .Produces<RetryGroupResult>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        api.MapPost("/{id:long}/discard", DiscardAsync).WithName("DiscardFailedMessage")
            .Produces<FailedMessageAction>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListAsync(
        [FromServices] IDbContextFactory<HubDbContext> databases,
        string? status,
        string? endpoint,
        string? exceptionType,
        string? kind,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !FailedMessageStatus.All.Contains(status, StringComparer.Ordinal))
        {
            errors["status"] = [$"'{status}' is not a status; use one of {string.Join(", ", FailedMessageStatus.All)}"];
        }

        if (kind is not null && !FailedMessageKind.All.Contains(kind, StringComparer.Ordinal))
        {
            errors["kind"] = [$"'{kind}' is not a kind; use one of {string.Join(", ", FailedMessageKind.All)}"];
        }

        if (page is < 1)
        {
            errors["page"] = ["page starts at 1"];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be 1 to {MaxPageSize}"];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The failed-message query is invalid.");
        }

        var size = pageSize ?? 20;
        var number = page ?? 1;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.FailedMessages.AsNoTracking()
            .Where(f => status == null || f.Status == status)
            .Where(f => endpoint == null || f.Endpoint == endpoint)
            .Where(f => exceptionType == null || f.ExceptionType == exceptionType)
            .Where(f => kind == null || (f.Kind ?? FailedMessageKind.Delivery) == kind);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(f => f.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return Results.Ok(new FailedMessagePage(items.Select(FailedMessageSummary.Of).ToList(), total, number, size));
    }

    private static async Task<IResult> GetAsync(long id, [FromServices] FailedMessageReader reader, CancellationToken cancellationToken) =>
        await reader.GetAsync(id, cancellationToken) is { } details ? Results.Ok(details) : NotFound(id);

    private static async Task<IResult> RetryAsync(long id, HttpContext http, [FromServices] FailedMessageReplayer replayer, CancellationToken cancellationToken) =>
        Answer(id, await replayer.RetryAsync(id, null, OperatorAccess.Who(http), cancellationToken), StatusCodes.Status202Accepted);

    private static async Task<IResult> EditAndRetryAsync(long id, HttpContext http, [FromServices] FailedMessageReplayer replayer, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        return Answer(id, await replayer.RetryAsync(id, body, OperatorAccess.Who(http), cancellationToken), StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> RetryGroupAsync(RetryGroupRequest group, HttpContext http, [FromServices] FailedMessageReplayer replayer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(group.ExceptionType) || string.IsNullOrWhiteSpace(group.Endpoint))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["exceptionType"] = ["a group is the failed messages with one exceptionType at one endpoint: give both"],
                },
                title: "The group retry request is invalid.");
        }

        return Results.Json(await replayer.RetryGroupAsync(group, OperatorAccess.Who(http), cancellationToken), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> DiscardAsync(long id, HttpContext http, [FromServices] FailedMessageReplayer replayer, CancellationToken cancellationToken) =>
        Answer(id, await replayer.DiscardAsync(id, OperatorAccess.Who(http), cancellationToken), StatusCodes.Status200OK);

    private static IResult Answer(long id, ReplayOutcome outcome, int success) => outcome.Kind switch
    {
        ReplayOutcomeKind.Done => Results.Json(outcome.Action, statusCode: success),
        ReplayOutcomeKind.NotFound => NotFound(id),
        ReplayOutcomeKind.Conflict => Results.Problem(title: "The failed message cannot take this action.", detail: outcome.Detail, statusCode: StatusCodes.Status409Conflict),
        ReplayOutcomeKind.Invalid => Results.ValidationProblem(outcome.Errors!, detail: outcome.Detail, title: "The edited message is invalid."),
        _ => Results.Problem(title: "The failed message could not be sent now.", detail: outcome.Detail, statusCode: StatusCodes.Status503ServiceUnavailable),
    };

    private static IResult NotFound(long id) =>
        Results.Problem(title: "No such failed message.", detail: $"There is no failed message {id}; list them at {Pattern}.", statusCode: StatusCodes.Status404NotFound);
}
