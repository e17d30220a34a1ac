using Microsoft.AspNetCore.Authorization;

namespace CommerceBus.Security.Authorization;

/// <summary>Met by a client holding any of <see cref="Roles"/> (any role at all when empty), or by a protected-mode local caller.</summary>
public sealed class HubRoleRequirement(params string[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;
}
