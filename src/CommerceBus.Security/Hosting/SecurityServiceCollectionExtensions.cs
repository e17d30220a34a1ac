using System.Net;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Security.ApiKeys;
using CommerceBus.Security.Authorization;
using CommerceBus.Security.Certificates;
using CommerceBus.Security.Jwt;
using CommerceBus.Security.RateLimiting;
using CommerceBus.Security.Sessions;
using CommerceBus.Security.Surfaces;
using CommerceBus.Security.WsSecurity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.Hosting;

/// <summary>The security module's one entry point: <see cref="AddCommerceBusSecurity"/> registers it, <see cref="UseCommerceBusSecurity"/> puts it in front of every surface.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>Registers the hub's schemes (API keys, JWT bearer, client certificates), its role policies, protected mode and the rate limiter, from <c>CommerceBus:Security</c>.</summary>
    public static IServiceCollection AddCommerceBusSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SecurityOptions.Section);
        var settings = section.Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddOptions<SecurityOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.AddHttpContextAccessor();

        var jwt = settings.Jwt.IsConfigured;
        var certificates = settings.Certificates.Count > 0;
        var authentication = services.AddAuthentication(HubAuthenticationSchemes.Default)
            .AddPolicyScheme(HubAuthenticationSchemes.Default, "CommerceBus clients", o => o.ForwardDefaultSelector = http => HubAuthenticationSchemes.Select(http, jwt, certificates))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null)
            .AddScheme<AuthenticationSchemeOptions, UsernameTokenAuthenticationHandler>(WsSecurityDefaults.Scheme, null)
            .AddCookie(OperatorSessionDefaults.Scheme, cookie =>
            {
                // Script on a page cannot read it, another site's page cannot make the browser send it, and it goes
                // over HTTPS only when the session was opened over HTTPS (a loopback hub may serve plain HTTP).
                cookie.Cookie.Name = OperatorSessionDefaults.CookieName;
                cookie.Cookie.Path = OperatorSessionDefaults.CookiePath;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = OperatorSessionDefaults.Lifetime;
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = OperatorSessions.ValidateAsync;
            });
        services.TryAddSingleton<NonceCache>();

        // Who a certificate is, in one place: HTTPS's certificate scheme and adapters with TLS of their own (TCP) ask it.
        services.TryAddSingleton<CertificateClientDirectory>();
        services.TryAddSingleton<ICertificateClients>(sp => sp.GetRequiredService<CertificateClientDirectory>());
        services.AddSingleton<OperatorSessions>();
        if (jwt)
        {
            authentication.AddJwtBearer();
            services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        }

        if (certificates)
        {
            // Clients are pinned by thumbprint, so a self-signed terminal or partner certificate serves as well as a chained one.
            authentication.AddCertificate(o =>
            {
                o.AllowedCertificateTypes = CertificateTypes.All;
                o.RevocationMode = X509RevocationMode.NoCheck;
                o.Events = new CertificateAuthenticationEvents { OnCertificateValidated = CertificateClients.OnValidated };
            });

            // HTTPS endpoints ask for a certificate; a client without one still gets to present a key or a token. The
            // handshake takes any certificate: the certificate scheme decides (pinned thumbprints), not the machine's roots.
            services.Configure<KestrelServerOptions>(k => k.ConfigureHttpsDefaults(https =>
            {
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            }));
        }

        services.AddSingleton<IAuthorizationHandler, HubRoleHandler>();
        services.AddAuthorization(o =>
        {
            o.AddPolicy(SecurityPolicies.Intake, Policy(SecurityRoles.Intake));
            o.AddPolicy(SecurityPolicies.Query, Policy(SecurityRoles.Query, SecurityRoles.Pii));
            o.AddPolicy(SecurityPolicies.Pii, Policy(SecurityRoles.Pii));
            o.AddPolicy(SecurityPolicies.Operator, Policy(SecurityRoles.Operator));
            o.AddPolicy(SecurityPolicies.Dashboard, Policy(SecurityRoles.Operator, SecurityRoles.Viewer));
            o.AddPolicy(SecurityPolicies.AnyClient, Policy());
        });

        services.AddSingleton(SurfaceMap.From(configuration));
        services.AddRateLimiter(limiter => HubRateLimiter.Configure(limiter, settings));
        services.AddHostedService<ProtectedModeStartupCheck>();
        return services;
    }

    /// <summary>
    /// Forwarded headers (from <c>KnownProxies</c> only), HSTS, authentication, each surface's policy, cross-site check and
    /// body limit, the rate limiter and endpoint authorization, in that order; call before the hub's own middleware and endpoints.
    /// </summary>
    public static WebApplication UseCommerceBusSecurity(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (settings.KnownProxies.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };

            // The framework trusts loopback by default; the hub trusts exactly the configured proxies.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
            }

            app.UseForwardedHeaders(forwarded);
        }

        // Strict-Transport-Security on HTTPS answers; the framework leaves it off for localhost, 127.0.0.1 and ::1.
        app.UseHsts();
        app.UseAuthentication();
        app.UseMiddleware<SurfaceGuardMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static AuthorizationPolicy Policy(params string[] roles) =>
        new AuthorizationPolicyBuilder(HubAuthenticationSchemes.Default).AddRequirements(new HubRoleRequirement(roles)).Build();
}
