using System.Reflection;
using CommerceBus.Adapters.Proxy;
using CommerceBus.Adapters.RabbitMq;
using CommerceBus.Adapters.Rest;
using CommerceBus.Adapters.Soap;
using CommerceBus.Adapters.Tcp;
using CommerceBus.Core.Failures;
using CommerceBus.Observability;
using CommerceBus.Security;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CommerceBus.UnitTests.Conventions;

/// <summary>An event id names one log line: an operator filters and alerts on it, so no two lines may share one.</summary>
public sealed class LoggingEventIdTests
{
    private static readonly Assembly[] Assemblies =
    [
        typeof(FailedMessageStore).Assembly,
        typeof(CommerceBus.Routing.RoutingOptions).Assembly,
        typeof(CommerceBus.Persistence.HubDbContext).Assembly,
        typeof(CommerceBus.Transports.RabbitMq.BusTransport).Assembly,
        typeof(CommerceBus.Scheduling.Hangfire.SchedulingServiceCollectionExtensions).Assembly,
        typeof(CommerceBus.Operations.FailedMessagesApi).Assembly,
        typeof(CommerceBus.Hosting.CommerceBusServiceCollectionExtensions).Assembly,
        typeof(RestAdapterOptions).Assembly,
        typeof(RabbitMqAdapterOptions).Assembly,
        typeof(SoapAdapterOptions).Assembly,
        typeof(TcpAdapterOptions).Assembly,
        typeof(ProxyAdapterOptions).Assembly,
        typeof(ObservabilityOptions).Assembly,
        typeof(SecurityOptions).Assembly,
    ];

    [Fact]
    public void Every_logging_event_id_of_the_hub_and_its_adapters_is_used_once()
    {
        var messages = Assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.NotEmpty(messages);
        var shared = messages
            .GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();
        Assert.True(shared.Count == 0, "Event ids used by more than one log line (give each its own):\n" + string.Join("\n", shared));
    }
}
