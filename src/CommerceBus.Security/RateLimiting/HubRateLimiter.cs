using System.Globalization;
using System.Threading.RateLimiting;
using CommerceBus.Security.Surfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Security.RateLimiting;

/// <summary>
/// The framework's rate limiter partitioned by surface and client: each client has its own fixed window on each
/// rate-limited surface. Refusals are <c>429</c> problem details with <c>Retry-After</c> (on the SOAP surface a fault, <see cref="SoapRefusal"/>).
/// </summary>
/// <remarks>
/// Protected mode's anonymous caller is not limited: it can only be a process on the hub's own machine (a developer,
/// a test run, a local tool), and the limits are there against clients on the network.
/// </remarks>
internal static class HubRateLimiter
{
    public static void Configure(RateLimiterOptions limiter, SecurityOptions security)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (http.Items[SurfaceGuardMiddleware.SurfaceKey] is Surface { RateLimit: { } name }
                && RateLimits.Of(security, name) is { PermitLimit: > 0 } limit
                && http.User.Identity is { IsAuthenticated: true, Name: { } client })
            {
                return RateLimitPartition.GetFixedWindowLimiter($"{name}|{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit.PermitLimit,
                    Window = limit.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            }

            return RateLimitPartition.GetNoLimiter(string.Empty);
        });
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = RejectAsync;
    }

    private static string ClientOf(HttpContext http) => http.User.Identity?.Name ?? "?";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var surface = http.Items[SurfaceGuardMiddleware.SurfaceKey] as Surface;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        SecurityLog.RateLimited(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HubRateLimiter)), surface?.Name ?? "hub", ClientOf(http));
        var detail = $"This client has used its requests to the {surface?.Name ?? "hub"} for now; try again in {seconds} s.";
        if (surface?.Refusals == RefusalForm.SoapFault && SoapRefusal.IsSoapPost(http.Request))
        {
            // 503, not 429: see SoapRefusal.
            await SoapRefusal.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Too many requests. " + detail, securitySubcode: null);
            return;
        }

        await Results.Problem(title: "Too many requests.", detail: detail, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }
}
