using System.Text;
using CommerceBus.Core.Scheduling;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommerceBus.Operations;

/// <summary>
/// Guards the operator API like the Hangfire dashboard: open from the hub's own machine, from elsewhere only with the
/// configured <c>CommerceBus:Scheduler:DashboardUser</c>/<c>DashboardPassword</c> (HTTP basic). Also names the caller
/// for the audit trail: the <c>X-CommerceBus-Operator</c> header, else the basic user, else "operator".
/// </summary>
internal sealed class OperatorAccess : IEndpointFilter
{
    public const string OperatorHeader = "X-CommerceBus-Operator";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<SchedulerOptions>>().Value;
        if (!new DashboardAuthorizationFilter(options).IsAllowed(http))
        {
            return Results.Problem(
                title: "The operator API needs a credential from this address.",
                detail: "Call it from the hub's machine, or with HTTP basic authentication using CommerceBus:Scheduler:DashboardUser and DashboardPassword.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }

    public static string Who(HttpContext http)
    {
        var named = http.Request.Headers[OperatorHeader].ToString();
        if (!string.IsNullOrWhiteSpace(named))
        {
            return named.Length > 100 ? named[..100] : named;
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var user = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim())).Split(':')[0];
                if (user.Length > 0)
                {
                    return user;
                }
            }
            catch (FormatException)
            {
                // Not a credential we can read; the caller is then just "operator".
            }
        }

        return "operator";
    }
}
