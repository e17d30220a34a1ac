using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>
/// Test classes that need their hub to be the only one in the test process: each hub registers its state gauges on a
/// meter named <c>CommerceBus</c>, so with several hubs alive a scrape lists those metric families twice, which
/// Prometheus refuses. A production process runs one hub.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInProcessCollection
{
    public const string Name = "Alone in the process";
}
