namespace CommerceBus.Security;

/// <summary>The role names a client is given in configuration (<c>CommerceBus:Security:ApiKeys:{client}:Roles</c>) or in its token.</summary>
public static class SecurityRoles
{
    public const string Intake = "intake";
    public const string Query = "query";
    public const string Pii = "pii";
    public const string Operator = "operator";

    /// <summary>Looks at the scheduler dashboard (<c>/hangfire</c>) without changing anything: no retry, delete or trigger.</summary>
    public const string Viewer = "viewer";

    /// <summary>Every role the hub knows; a configured role outside this list is refused at start-up.</summary>
    public static readonly IReadOnlyList<string> All = [Intake, Query, Pii, Operator, Viewer];
}
