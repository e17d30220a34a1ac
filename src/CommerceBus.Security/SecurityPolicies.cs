namespace CommerceBus.Security;

/// <summary>The names of the hub's authorization policies, one per role, for <c>RequireAuthorization</c> and <c>[Authorize]</c>.</summary>
/// <remarks>
/// Each policy is met by a client holding its role, or, in protected mode (no credentials configured), by an
/// anonymous caller on the hub's own machine whose request came through no proxy.
/// </remarks>
public static class SecurityPolicies
{
    /// <summary>Place and cancel orders, ask an order's status (REST, SOAP).</summary>
    public const string Intake = "intake";

    /// <summary>Query orders, sagas and the OData metadata, without personal data.</summary>
    public const string Query = "query";

    /// <summary>Personal data: names and addresses of customers.</summary>
    public const string Pii = "pii";

    /// <summary>The operator's surfaces: failed messages, replay, the journal, routes, Hangfire, OpenAPI, metrics.</summary>
    public const string Operator = "operator";

    /// <summary>The scheduler dashboard: operators, and viewers, for whom it is read-only.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>Any authenticated client, whatever its roles (the surfaces no other policy names).</summary>
    public const string AnyClient = "client";
}
