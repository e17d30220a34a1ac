using System.Runtime.CompilerServices;
using CommerceBus.Abstractions.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CommerceBus.Observability.Tracing;

/// <summary>
/// OpenTelemetry for the hub: its own spans and MassTransit's, ASP.NET Core (the REST, SOAP and proxy intake), HttpClient
/// (the HTTP and SOAP connectors, which also puts <c>traceparent</c> on their calls) and, when exported, Npgsql; its own
/// meter and MassTransit's, for Prometheus and OTLP.
/// </summary>
/// <remarks>
/// Spans are always recorded, so that journal entries carry a trace id; they leave the process only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, which turns on the OTLP exporter for traces and metrics (it reads the
/// other <c>OTEL_EXPORTER_OTLP_*</c> variables itself, <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c> among them).
/// </remarks>
internal static class OpenTelemetrySetup
{
    /// <summary>MassTransit's activity source and meter name.</summary>
    private const string MassTransit = "MassTransit";

    /// <summary>YARP's forwarder spans (the pass-through proxy).</summary>
    private const string Yarp = "Yarp.ReverseProxy";

    public static void AddHubOpenTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = configuration.GetValue("CommerceBus:Observability:PrometheusEnabled", true);
        var postgreSql = !string.IsNullOrWhiteSpace(configuration["CommerceBus:Storage:PostgreSql"]);
        var cardinality = configuration.GetValue("CommerceBus:Observability:MetricCardinalityLimit", ObservabilityOptions.DefaultMetricCardinalityLimit);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "commercebus"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(HubTelemetry.Name, MassTransit, Yarp)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperational(context.Request.Path))
                    .AddHttpClientInstrumentation();
                // Npgsql's span per command only when spans leave the process: nothing in the hub reads them (a journal
                // entry takes the trace id of the hub's span around its commit), and recording one costs every command.
                if (postgreSql && otlp)
                {
                    AddNpgsqlTracing(tracing);
                }

                if (otlp)
                {
                    AddOtlpExporter(tracing);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HubTelemetry.Name, MassTransit)
                    .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = cardinality });
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    AddOtlpExporter(metrics);
                }
            });
    }

    /// <summary>
    /// Npgsql's spans, only on PostgreSQL and when exported: a method of its own, so that a hub on SQLite never loads an
    /// Npgsql assembly (Hosting/ProviderIsolationProcessTests).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddNpgsqlTracing(TracerProviderBuilder tracing) => Npgsql.TracerProviderBuilderExtensions.AddNpgsql(tracing);

    /// <summary>
    /// The OTLP exporter, only when an endpoint is set: methods of their own, so that a hub exporting nothing never loads
    /// the exporter's assembly (the lambdas that call them are compiled whether or not the branch runs).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOtlpExporter(TracerProviderBuilder tracing) => tracing.AddOtlpExporter();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOtlpExporter(MeterProviderBuilder metrics) => metrics.AddOtlpExporter();

    /// <summary>Scrapes and probes are not business traffic: they would fill the traces with noise.</summary>
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
