namespace CommerceBus.Observability;

/// <summary>The options of <c>CommerceBus:Observability</c>: the health thresholds and the endpoint heartbeats.</summary>
/// <remarks>
/// Export is configured by the standard OpenTelemetry variables, not here: OTLP is on as soon as
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> grpc or http/protobuf).
/// </remarks>
public sealed record ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Whether <c>/metrics</c> serves the Prometheus text format.</summary>
    public bool PrometheusEnabled { get; init; } = true;

    /// <summary>
    /// The most tag combinations one metric keeps (OpenTelemetry's cardinality limit); further combinations are summed into
    /// one series tagged <c>otel.metric.overflow</c>. Each metric reserves room for this many up front, so OpenTelemetry's
    /// default of 2,000 cost about 7.5 MB (500: under 2 MB) of an idle hub (bench/README.md, "Idle memory").
    /// </summary>
    public int MetricCardinalityLimit { get; init; } = DefaultMetricCardinalityLimit;

    public const int DefaultMetricCardinalityLimit = 500;

    /// <summary>Readiness fails while the oldest unsent saga outbox message is older than this.</summary>
    public TimeSpan OutboxLagThreshold { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the database snapshot behind the state gauges is reused: scrapes closer together query once.</summary>
    public TimeSpan StateSampleMaxAge { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Bounds every probe of the database, the broker and an endpoint.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each configured business endpoint is probed; zero turns the heartbeats off.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Per endpoint, an HTTP path to GET instead of a plain connect (HTTP and SOAP endpoints), e.g. <c>/health</c>.</summary>
    public Dictionary<string, string> ProbePaths { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}
