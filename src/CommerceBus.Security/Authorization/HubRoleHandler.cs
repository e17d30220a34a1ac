using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.Authorization;

/// <summary>Decides a <see cref="HubRoleRequirement"/>: the client's roles, else the protected-mode rule for anonymous callers.</summary>
internal sealed class HubRoleHandler(IOptionsMonitor<SecurityOptions> options, IHttpContextAccessor accessor) : AuthorizationHandler<HubRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, HubRoleRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (requirement.Roles.Count == 0 ? user.Claims.Any() : requirement.Roles.Any(user.IsInRole))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }

        var http = context.Resource as HttpContext ?? accessor.HttpContext;
        if (http is not null && ProtectedMode.AllowsAnonymous(http, options.CurrentValue))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
