using Microsoft.Extensions.Configuration;

namespace CommerceBus.Security.Surfaces;

/// <summary>
/// Every HTTP surface of the hub with its policy, built from the adapters' configured paths. A request takes the
/// surface with the longest prefix that covers its path; a path no surface names needs any authenticated client.
/// </summary>
public sealed class SurfaceMap
{
    /// <summary>What a path no surface names gets: nothing anonymous where credentials are configured.</summary>
    public static readonly Surface Fallback = new("the hub", "/", SecurityPolicies.AnyClient);

    /// <summary>Where the operator console's pages live (CommerceBus.OperatorConsole).</summary>
    public const string ConsolePath = "/console";

    /// <summary>The console's sign-in page: open to everyone, since it is where a credential is presented.</summary>
    public const string ConsoleSignInPath = "/console/sign-in";

    private readonly List<Surface> _surfaces;

    public SurfaceMap(IEnumerable<Surface> surfaces) =>
        _surfaces = surfaces.OrderByDescending(s => s.PathPrefix.TrimEnd('/').Length).ToList();

    public IReadOnlyList<Surface> Surfaces => _surfaces;

    public Surface Find(string path) => _surfaces.FirstOrDefault(s => s.Covers(path)) ?? Fallback;

    /// <summary>The hub's surfaces at the paths its configuration gives them.</summary>
    public static SurfaceMap From(IConfiguration configuration)
    {
        var rest = configuration["CommerceBus:Adapters:Rest:BasePath"] is { Length: > 0 } r ? r : "/api/orders";
        var soap = configuration["CommerceBus:Adapters:Soap:Path"] is { Length: > 0 } s ? s : "/soap/OrderService";
        var odata = "/" + (configuration["CommerceBus:Adapters:OData:RoutePrefix"] is { Length: > 0 } o ? o : "odata").Trim('/');
        var surfaces = new List<Surface>
        {
            new("health", "/health", null),
            new("metrics", "/metrics", SecurityPolicies.Operator),
            new("REST order intake", rest, SecurityPolicies.Intake, RateLimits.Intake),
            new("SOAP order intake", soap, SecurityPolicies.Intake, RateLimits.Intake, Refusals: RefusalForm.SoapFault),
            new("OData orders", odata, SecurityPolicies.Query, RateLimits.OData),
            new("OData message journal", odata + "/Messages", SecurityPolicies.Operator, RateLimits.OData),
            new("OData failed messages", odata + "/FailedMessages", SecurityPolicies.Operator, RateLimits.OData),
            new("route explain", "/api/routes/explain", SecurityPolicies.Operator, RateLimits.Explain, 64 * 1024),
            new("operator API", "/api/failed-messages", SecurityPolicies.Operator, null, 1024 * 1024),
            new("OpenAPI", "/openapi", SecurityPolicies.Operator),
            new("scheduler dashboard", "/hangfire", SecurityPolicies.Dashboard),
            new("operator console", ConsolePath, SecurityPolicies.Operator, null, 1024 * 1024, SignInPath: ConsoleSignInPath),

            // The sign-in page and the console's stylesheet: what a browser needs before it has a session.
            new("operator console sign-in", ConsoleSignInPath, null, null, 16 * 1024),
            new("operator console stylesheet", ConsolePath + "/console.css", null),
        };

        foreach (var route in configuration.GetSection("CommerceBus:Proxy:Routes").GetChildren())
        {
            if (route["PathPrefix"] is { Length: > 0 } prefix)
            {
                var policy = route["Policy"] is { Length: > 0 } named ? named : SecurityPolicies.Operator;
                surfaces.Add(new Surface($"proxy route {route.Key}", prefix, policy));
            }
        }

        return new SurfaceMap(surfaces);
    }
}
