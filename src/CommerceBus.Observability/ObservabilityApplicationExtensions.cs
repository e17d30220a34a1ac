using CommerceBus.Observability.Health;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommerceBus.Observability;

/// <summary>Maps <c>/health/live</c>, <c>/health/ready</c> and, for Prometheus, <c>/metrics</c>.</summary>
public static class ObservabilityApplicationExtensions
{
    /// <summary>The authorization policy <c>/metrics</c> requires when the application registers it (operator credentials configured).</summary>
    public const string OperatorPolicy = "operator";

    public static WebApplication MapHubObservability(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ObservabilityServiceCollectionExtensions.LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ObservabilityServiceCollectionExtensions.ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });

        if (app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value.PrometheusEnabled)
        {
            var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
            // Open when the hub runs without operator credentials (the protected mode listens on loopback only);
            // behind the operator policy as soon as the application has registered it.
            if (app.Services.GetService<IOptions<AuthorizationOptions>>()?.Value.GetPolicy(OperatorPolicy) is not null)
            {
                metrics.RequireAuthorization(OperatorPolicy);
            }
        }

        return app;
    }
}
