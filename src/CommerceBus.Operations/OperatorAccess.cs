using Microsoft.AspNetCore.Http;

namespace CommerceBus.Operations;

/// <summary>Names the operator of an action for the audit trail: the authenticated client, never a header a caller writes.</summary>
/// <remarks>
/// Who may call the operator API is decided before the request gets here (the host's operator policy); a request that
/// gets here unauthenticated is protected mode's anonymous caller on the hub's own machine, named "local".
/// </remarks>
public static class OperatorAccess
{
    public const string LocalOperator = "local";

    public static string Who(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : LocalOperator;
}
