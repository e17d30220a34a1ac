namespace CommerceBus.Security.Sessions;

/// <summary>The browser session of a signed-in operator: the cookie scheme's name, its cookie and where it is valid.</summary>
/// <remarks>
/// A browser cannot send an <c>X-Api-Key</c> header by itself, so a page-based surface (the operator console) lets the
/// operator present the key once and gets back this cookie, which carries the client id and roles of that key.
/// </remarks>
public static class OperatorSessionDefaults
{
    public const string Scheme = "OperatorSession";

    public const string CookieName = "CommerceBus.Session";

    /// <summary>The cookie is sent to the console's pages only, so it never authenticates an API call a page makes.</summary>
    public const string CookiePath = "/console";

    /// <summary>The claim holding the hash of the key the session was opened with: a changed or removed key ends the session.</summary>
    public const string KeyHashClaim = "commercebus:key-hash";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
}
