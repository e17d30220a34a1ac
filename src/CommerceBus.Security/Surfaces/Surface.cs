namespace CommerceBus.Security.Surfaces;

/// <summary>One HTTP surface of the hub: the requests under <see cref="PathPrefix"/>, the policy they need, their rate limit and body limit.</summary>
/// <param name="Name">What the surface is, for errors and logs (<c>operator API</c>, <c>proxy route demo-erp</c>).</param>
/// <param name="PathPrefix">The path the surface starts at; it covers that path and everything below it.</param>
/// <param name="Policy">The authorization policy (<see cref="SecurityPolicies"/>); null: open to everyone (health).</param>
/// <param name="RateLimit">The rate limit it counts against (<c>intake</c>, <c>odata</c>, <c>explain</c>); null: none.</param>
/// <param name="MaxBodyBytes">The largest request body, enforced before anything reads it; null: the server's default.</param>
/// <param name="Refusals">How its refusals are written: problem details, or SOAP faults on the SOAP surface.</param>
/// <param name="SignInPath">For a surface of pages: where a browser without a credential is sent to sign in; null: it is answered 401.</param>
public sealed record Surface(string Name, string PathPrefix, string? Policy, string? RateLimit = null, long? MaxBodyBytes = null, RefusalForm Refusals = RefusalForm.ProblemDetails, string? SignInPath = null)
{
    /// <summary>Whether <paramref name="path"/> is this surface's prefix or below it (<c>/odata/Orders</c>, <c>/odata/Orders(1)</c>, <c>/odata/Orders/$count</c>).</summary>
    public bool Covers(string path)
    {
        var prefix = PathPrefix.TrimEnd('/');
        if (prefix.Length == 0)
        {
            return true;
        }

        return path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && (path.Length == prefix.Length || path[prefix.Length] is '/' or '(');
    }
}
