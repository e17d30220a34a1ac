using CommerceBus.Abstractions.Inbound;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.Adapters.Rest;

/// <summary>Renders the hub's answers as HTTP: 202 with the order's tracking id, or an RFC 7807 problem.</summary>
internal static class RestAnswers
{
    public static IResult ForPlace(InboundResult result, string basePath) => result.Outcome switch
    {
        InboundOutcome.Accepted or InboundOutcome.Duplicate => Results.Accepted(
            $"{basePath}/{result.OrderNumber}",
            new OrderAcceptedBody(result.OrderNumber!, result.TrackingId!.Value, "Accepted")),
        _ => Refused(result),
    };

    public static IResult ForCancel(InboundResult result) => result.Outcome switch
    {
        InboundOutcome.Accepted or InboundOutcome.Duplicate => Results.Accepted(
            null,
            new OrderAcceptedBody(result.OrderNumber!, result.TrackingId!.Value, result.Status ?? "")),
        _ => Refused(result),
    };

    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    private static IResult Refused(InboundResult result) => result.Outcome switch
    {
        InboundOutcome.Invalid => Results.ValidationProblem(
            result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: result.Detail,
            title: "The request breaks the order field rules"),
        InboundOutcome.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", result.Detail),
        InboundOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "Unknown order", result.Detail),
        _ => Problem(StatusCodes.Status503ServiceUnavailable, "The hub cannot accept this now", result.Detail),
    };
}
