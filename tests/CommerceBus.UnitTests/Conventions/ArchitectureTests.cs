using Xunit;
using static CommerceBus.UnitTests.Conventions.SourceTree;

namespace CommerceBus.UnitTests.Conventions;

/// <summary>
/// The shape of the solution (README, "Where things are"): projects and namespaces depend one way, the engine loads no
/// database provider, broker client or scheduler storage, and an adapter stands on the engine's seams, not on another
/// adapter. Read from the <c>.csproj</c> files and the <c>using</c> lines, so a new dependency fails here before review.
/// </summary>
public sealed class ArchitectureTests
{
    // Packages only an adapter project may bring into the process: a database provider, a broker client, a scheduler storage.
    private static readonly string[] AdapterPackages =
        ["Microsoft.EntityFrameworkCore.Sqlite", "Npgsql", "MassTransit.RabbitMQ", "RabbitMQ.Client", "Hangfire"];

    // The engine and what it stands on: none of them (nor what they reference) may reference an adapter package.
    private static readonly string[] EngineProjects =
        ["CommerceBus.Abstractions", "CommerceBus.Contracts", "CommerceBus.Routing", "CommerceBus.Persistence", "CommerceBus.Core", "CommerceBus.Operations"];

    // The adapter projects: each takes one technology into the hub and stands on the engine, never on another adapter.
    // The values are the engine projects each may reference; a reference to Core is recorded here where it exists today.
    private static readonly Dictionary<string, string[]> Adapters = new(StringComparer.Ordinal)
    {
        ["CommerceBus.Persistence.Sqlite"] = ["CommerceBus.Persistence"],
        ["CommerceBus.Persistence.PostgreSql"] = ["CommerceBus.Persistence"],
        ["CommerceBus.Transports.RabbitMq"] = ["CommerceBus.Core"],
        ["CommerceBus.Scheduling.Hangfire"] = ["CommerceBus.Core"],
        ["CommerceBus.Operations"] = ["CommerceBus.Core"],
        ["CommerceBus.Adapters.Http"] = ["CommerceBus.Abstractions"],
        // Security for its policy names: who reads personal data, the operator's entity sets; Fulfillment for the order tables it serves.
        ["CommerceBus.Adapters.OData"] = ["CommerceBus.Core", "CommerceBus.Fulfillment", "CommerceBus.Security"],
        ["CommerceBus.Adapters.Proxy"] = ["CommerceBus.Abstractions", "CommerceBus.Contracts"],
        ["CommerceBus.Adapters.RabbitMq"] = ["CommerceBus.Abstractions"],
        ["CommerceBus.Adapters.Rest"] = ["CommerceBus.Abstractions"],
        ["CommerceBus.Adapters.Soap"] = ["CommerceBus.Abstractions"],
        ["CommerceBus.Adapters.Tcp"] = ["CommerceBus.Abstractions"],
    };

    // The projects that may see Core's internal types: the ones split out of it (issue #16) still use some, and the tests.
    // A new friend is a new way around Core's public surface; add one only with a reason.
    private static readonly string[] CoreFriends =
    [
        "CommerceBus.Hosting", "CommerceBus.Operations", "CommerceBus.Scheduling.Hangfire", "CommerceBus.Transports.RabbitMq",
        "CommerceBus.UnitTests", "CommerceBus.IntegrationTests",
    ];

    // The namespace dependencies that still close a cycle, each an edge "from -> to"; the test removes them and then finds
    // no cycle, so a new one fails. None today: Core's went with the order module (#16 item 2), Routing's when the table
    // builder moved above Matching and Validation, the SOAP adapter's when its safe XML settings got a namespace (Xml).
    private static readonly (string From, string To)[] KnownNamespaceCycleEdges = [];

    [Fact]
    public void The_project_references_form_no_cycle()
    {
        var graph = Projects.Values.ToDictionary(p => p.Name, p => p.References, StringComparer.Ordinal);

        Assert.Contains("CommerceBus.Core", graph.Keys);
        Assert.Empty(Cycles(graph));
    }

    [Fact]
    public void The_engine_references_no_database_provider_broker_client_or_scheduler_storage()
    {
        var offending = EngineProjects
            .SelectMany(name => Closure(name).Append(name).Select(p => (Project: name, Through: p)))
            .SelectMany(x => Projects[x.Through].Packages
                .Where(package => AdapterPackages.Any(banned => package.StartsWith(banned, StringComparison.OrdinalIgnoreCase)))
                .Select(package => $"{x.Project} -> {x.Through} -> {package}"))
            .Distinct()
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void An_adapter_references_only_the_engine_projects_it_is_recorded_with()
    {
        var unexpected = Adapters
            .SelectMany(adapter => Projects[adapter.Key].References
                .Where(reference => !adapter.Value.Contains(reference))
                .Select(reference => $"{adapter.Key} -> {reference}"))
            .ToList();

        Assert.Empty(unexpected);
    }

    [Fact]
    public void The_engine_and_the_abstractions_know_no_order_type()
    {
        // The order business is a module (modules/CommerceBus.Fulfillment, #16 item 2): the engine asks it through seams
        // (validators, acceptors, status sources, routed-command shapes, event fan-outs) and never names its types.
        string[] orderNamespaces = ["CommerceBus.Contracts.Orders", "CommerceBus.Contracts.Fulfillment", "CommerceBus.Fulfillment"];
        var offending = new[] { "CommerceBus.Core", "CommerceBus.Abstractions" }
            .SelectMany(name => SourceFilesOf(Projects[name]))
            .SelectMany(file => UsingsOf(file)
                .Where(u => orderNamespaces.Any(ns => u == ns || u.StartsWith(ns + ".", StringComparison.Ordinal)))
                .Select(u => $"{Path.GetFileName(file)}: using {u}"))
            .ToList();

        Assert.True(offending.Count == 0, "Move the order-specific code into modules/CommerceBus.Fulfillment behind a seam: " + string.Join("; ", offending));
    }

    [Fact]
    public void Only_the_recorded_projects_see_the_internals_of_Core()
    {
        Assert.Equal(CoreFriends.Order(StringComparer.Ordinal), Projects["CommerceBus.Core"].Friends.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_namespaces_of_each_project_form_no_cycle_beyond_the_recorded_edges()
    {
        var cycles = Projects.Values
            .Where(p => !p.Name.Contains(".Migrations.", StringComparison.Ordinal))
            .SelectMany(p => Cycles(NamespaceGraph(p)).Select(cycle => $"{p.Name}: {cycle}"))
            .ToList();

        Assert.Empty(cycles);
    }

    [Fact]
    public void The_namespace_graph_of_Core_sees_its_folders()
    {
        // Guards the test above against reading nothing: Core's pipeline depends on its dispatch, one way.
        var graph = NamespaceGraph(Projects["CommerceBus.Core"]);

        Assert.Contains("CommerceBus.Core.Dispatch", graph["CommerceBus.Core.Pipeline"]);
        Assert.DoesNotContain("CommerceBus.Core.Pipeline", graph.GetValueOrDefault("CommerceBus.Core.Dispatch") ?? new HashSet<string>());
    }

    // Which of the project's own namespaces each of its namespaces uses (a file's namespace -> its using lines).
    private static Dictionary<string, IReadOnlySet<string>> NamespaceGraph(Project project)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var files = SourceFilesOf(project)
            .Select(file => (Namespace: NamespaceOf(file), Usings: UsingsOf(file).ToList()))
            .Where(f => f.Namespace is not null)
            .ToList();
        var own = files.Select(f => f.Namespace!).ToHashSet(StringComparer.Ordinal);
        foreach (var (ns, usings) in files)
        {
            var targets = graph.TryGetValue(ns!, out var existing) ? existing : graph[ns!] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in usings.Where(u => u != ns && own.Contains(u)))
            {
                if (!KnownNamespaceCycleEdges.Contains((ns!, used)))
                {
                    targets.Add(used);
                }
            }
        }

        return graph.ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Value, StringComparer.Ordinal);
    }

    private static string? NamespaceOf(string file) =>
        File.ReadLines(file).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal))?["namespace ".Length..].TrimEnd(';', ' ', '{');
}
