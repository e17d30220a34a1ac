using CommerceBus.Security.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Security.Surfaces;

/// <summary>
/// Puts every request under its surface's policy before any adapter, controller or dashboard sees it: authenticates
/// the caller with the hub's schemes, authorizes it with the framework's policy evaluator, caps the body, and stamps
/// the authenticated client id on the request (<see cref="ClientHeader"/>) for the envelope and the audit trail.
/// </summary>
/// <remarks>
/// By path rather than by endpoint metadata because SOAP, the proxy and the Hangfire dashboard are middleware with no
/// endpoint to carry an <c>[Authorize]</c>; one table covers them all alike.
/// </remarks>
internal sealed class SurfaceGuardMiddleware(
    RequestDelegate next,
    SurfaceMap map,
    IAuthorizationPolicyProvider policies,
    IPolicyEvaluator evaluator,
    ILogger<SurfaceGuardMiddleware> logger)
{
    /// <summary>The request header carrying the authenticated client id inward (adapters keep <c>X-</c> headers in the envelope).</summary>
    public const string ClientHeader = "X-CommerceBus-Client";

    /// <summary>The client id of an anonymous caller on the hub's own machine in protected mode.</summary>
    public const string LocalClient = "local";

    public static readonly object SurfaceKey = new();

    public async Task InvokeAsync(HttpContext http)
    {
        // Whatever a caller claims about its identity in headers is never believed.
        http.Request.Headers.Remove(ClientHeader);

        var surface = map.Find(http.Request.Path.Value ?? "/");
        http.Items[SurfaceKey] = surface;
        if (surface.Policy is { } name)
        {
            var policy = await policies.GetPolicyAsync(name)
                ?? throw new InvalidOperationException($"The {surface.Name} surface names the policy '{name}', which is not registered.");
            var authentication = await evaluator.AuthenticateAsync(policy, http);
            var authorization = await evaluator.AuthorizeAsync(policy, authentication, http, http);
            if (authorization.Challenged)
            {
                SecurityLog.Refused(logger, surface.Name, http.Request.Path, "no credential", http.Connection.RemoteIpAddress?.ToString());
                if (surface.SignInPath is { } signIn && HttpMethods.IsGet(http.Request.Method))
                {
                    // A page surface: the browser is sent where it can present a credential, then back here.
                    http.Response.Redirect($"{signIn}?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
                    return;
                }

                http.Response.Headers.Append("WWW-Authenticate", $"ApiKey header=\"{ApiKeyDefaults.Header}\"");
                await Problem(http, surface, StatusCodes.Status401Unauthorized, $"The {surface.Name} needs a credential.",
                    await FailureOf(http, policy) is { } why
                        ? why
                        : surface.Refusals == RefusalForm.SoapFault && SoapRefusal.IsSoapPost(http.Request)
                            ? $"Send a WS-Security UsernameToken (or an API key in the {ApiKeyDefaults.Header} header) of a client with the role '{name}'."
                            : $"Send an API key in the {ApiKeyDefaults.Header} header or a bearer token of a client with the role '{name}'.");
                return;
            }

            if (authorization.Forbidden)
            {
                var client = http.User.Identity?.Name;
                SecurityLog.Refused(logger, surface.Name, http.Request.Path, $"client {client} lacks the role", http.Connection.RemoteIpAddress?.ToString());
                await Problem(http, surface, StatusCodes.Status403Forbidden, $"The {surface.Name} is not open to this client.",
                    $"Client '{client}' does not have the role '{name}'.");
                return;
            }
        }

        if (surface.Policy is SecurityPolicies.Operator or SecurityPolicies.Dashboard && CrossSiteOrigin(http.Request) is { } origin)
        {
            SecurityLog.Refused(logger, surface.Name, http.Request.Path, $"a state-changing request from the page of {origin}", http.Connection.RemoteIpAddress?.ToString());
            await Problem(http, surface, StatusCodes.Status403Forbidden, $"The {surface.Name} takes no changes from another site's page.",
                $"The request came from a page of {origin}, not of this hub; operator actions are not taken across sites.");
            return;
        }

        if (surface.MaxBodyBytes is { } max && !CapBody(http, max))
        {
            await Problem(http, surface, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                $"The {surface.Name} takes at most {max} bytes.");
            return;
        }

        http.Request.Headers[ClientHeader] = http.User.Identity is { IsAuthenticated: true, Name: { } id } ? id : LocalClient;
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
        {
            // A body without a declared length passed the cap while being read.
            await Problem(http, surface, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                $"The {surface.Name} takes at most {surface.MaxBodyBytes} bytes.");
        }
    }

    /// <summary>
    /// Why the credential the request carried was refused, or null when it carried none. The policy evaluator keeps
    /// only "not authenticated", so the policy's schemes are asked again (each answers from its cached result).
    /// </summary>
    private static async Task<string?> FailureOf(HttpContext http, AuthorizationPolicy policy)
    {
        foreach (var scheme in policy.AuthenticationSchemes)
        {
            if ((await http.AuthenticateAsync(scheme)).Failure?.Message is { } why)
            {
                return why;
            }
        }

        return null;
    }

    /// <summary>
    /// The origin of a browser page posting to an operator surface from another site, or null. A browser names the
    /// page's origin on every cross-site POST; API clients send none, so they are unaffected.
    /// </summary>
    private static string? CrossSiteOrigin(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Headers.TryGetValue("Origin", out var values))
        {
            return null;
        }

        var origin = values.ToString();
        return Uri.TryCreate(origin, UriKind.Absolute, out var page)
            && string.Equals(page.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? null
            : origin;
    }

    /// <summary>Refuses a declared oversized body at once and caps an undeclared one where the server reads it.</summary>
    private static bool CapBody(HttpContext http, long max)
    {
        if (http.Request.ContentLength > max)
        {
            return false;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        return true;
    }

    private static Task Problem(HttpContext http, Surface surface, int status, string title, string detail) =>
        surface.Refusals == RefusalForm.SoapFault && SoapRefusal.IsSoapPost(http.Request)
            ? SoapRefusal.WriteAsync(
                http,
                StatusCodes.Status500InternalServerError,
                $"{title} {detail}",
                status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden ? SoapRefusal.FailedAuthentication : null)
            : Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(http);
}
