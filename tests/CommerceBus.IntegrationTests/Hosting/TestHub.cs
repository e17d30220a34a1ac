using System.Net;
using System.Net.Sockets;
using CommerceBus.Abstractions.Hosting;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.DemoEndpoints;
using CommerceBus.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommerceBus.IntegrationTests.Hosting;

/// <summary>
/// The real hub (the same application the run command starts), on free ports, with its own SQLite file in a temp
/// folder, for one test class or one test.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHub(WebApplication app, Uri baseAddress, string dataDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        _app = app;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        Settings = settings;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>Where this hub keeps its SQLite file; a second hub started on it sees what the first one stored.</summary>
    public string DataDirectory { get; }

    /// <summary>The settings the hub was started with (after defaults), so a restart can reuse them.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IServiceProvider Services => _app.Services;

    public IInboundGateway Gateway => Services.GetRequiredService<IInboundGateway>();

    public DemoEndpointState Demo => Services.GetRequiredService<DemoEndpointState>();

    /// <summary>
    /// Runs <paramref name="test"/> against a hub on a PostgreSQL database of its own (created on the test server, named
    /// from <paramref name="databasePrefix"/>, dropped afterwards whatever the test did).
    /// </summary>
    public static async Task OnPostgreSqlAsync(string databasePrefix, Func<TestHub, Task> test, Action<IServiceCollection>? configureServices = null)
    {
        var connectionString = await Infrastructure.PostgresServer.CreateDatabaseAsync(databasePrefix);
        try
        {
            await using var hub = await StartAsync(new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = connectionString }, configureServices: configureServices);
            await test(hub);
        }
        finally
        {
            await Infrastructure.PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>
    /// Starts a hub. <paramref name="settings"/> override appsettings.json (keys like <c>CommerceBus:Storage:PostgreSql</c>)
    /// and the <paramref name="profile"/> file; <paramref name="reloadable"/> overrides both, and the hub reloads it when a
    /// test rewrites it.
    /// </summary>
    /// <remarks>
    /// A free port is only free until someone binds it: with tests (and other test runs) starting hubs in parallel, a
    /// port picked here is now and then taken before the hub binds it. The start is then tried again on fresh ports.
    /// </remarks>
    public static async Task<TestHub> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<ICommerceBusBuilder>? configureHub = null,
        Action<IServiceCollection>? configureServices = null,
        string? dataDirectory = null,
        string? environment = null,
        ReloadableSettings? reloadable = null,
        string? profile = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(settings, configureHub, configureServices, dataDirectory, environment, reloadable, profile);
            }
            catch (IOException ex) when (attempt < 5 && ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Another process took one of the ports between the pick and the bind: pick again.
            }
        }
    }

    private static async Task<TestHub> StartOnFreePortsAsync(
        IDictionary<string, string?>? settings,
        Action<ICommerceBusBuilder>? configureHub,
        Action<IServiceCollection>? configureServices,
        string? dataDirectory,
        string? environment,
        ReloadableSettings? reloadable,
        string? profile)
    {
        var port = FreeTcpPort();
        var shippingPort = FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);

        // The demo Legacy ERP instances listen on ports of their own: free ones keep parallel hubs apart.
        var erpEu = $"http://127.0.0.1:{FreeTcpPort()}";
        var erpUs = $"http://127.0.0.1:{FreeTcpPort()}";
        // The demo Payments service listens on a port of its own: a free one keeps parallel hubs apart.
        var payments = $"http://127.0.0.1:{FreeTcpPort()}";
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["CommerceBus:Storage:SqlitePath"] = Path.Combine(data, "commercebus.db"),
            ["CommerceBus:DemoEndpoints:LegacyErp:EuUrl"] = erpEu,
            ["CommerceBus:DemoEndpoints:LegacyErp:UsUrl"] = erpUs,
            ["CommerceBus:Endpoints:erp-eu:Address"] = erpEu + "/LegacyErp/BookingService",
            ["CommerceBus:Endpoints:erp-us:Address"] = erpUs + "/LegacyErp/BookingService",
            ["CommerceBus:DemoEndpoints:Payments:Url"] = payments,
            ["CommerceBus:Endpoints:payments:BaseUrl"] = payments,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MassTransit"] = "Error",

            // Hubs of a test run must not share TCP ports: the terminal listener takes a free one (TcpAdapter.EndPointsOf
            // reports it), and the demo shipping system and the connector that calls it share another.
            ["CommerceBus:Adapters:Tcp:Listeners:terminals:Port"] = "0",
            ["CommerceBus:DemoEndpoints:Shipping:Port"] = shippingPort,
            ["CommerceBus:Endpoints:shipping:Port"] = shippingPort,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        // With credentials configured a terminal listener must require client certificates (terminal records carry no
        // credential), or the hub refuses to start. A test that configures credentials and nothing of the terminal
        // listener but its port is about another surface: its hub has no terminal listener.
        if (settings is not null && HasCredentials(settings)
            && !settings.Keys.Any(k => k.StartsWith(TerminalListener, StringComparison.OrdinalIgnoreCase)))
        {
            all[TerminalListener + "Enabled"] = "false";
        }

        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var app = HubApp.Build([], builder =>
        {
            if (profile is not null)
            {
                // A settings file as an environment's appsettings.{Environment}.json would be: over appsettings.json, under the test's settings.
                builder.Configuration.AddJsonFile(profile);
            }

            builder.Configuration.AddInMemoryCollection(all);

            // A settings file the hub watches, as it watches appsettings.json: what a test writes there is a hot reload.
            reloadable?.AddTo(builder.Configuration);
            builder.WebHost.UseUrls(baseAddress.ToString());
            if (environment is not null)
            {
                builder.Environment.EnvironmentName = environment;
            }

            // A stop with a delivery in flight is what some tests are about: do not wait the hub's 60 s for it (after the
            // hub's own setting, which raises the stop budget above the bus's EndpointStopTimeout).
            builder.Services.PostConfigure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
            WithoutEventSourceLogging(builder.Services);
            configureServices?.Invoke(builder.Services);
        }, configureHub);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start that failed late (a port taken between choosing and binding it: Kestrel binds last) has started the
            // bus already. Stop it before disposing: left running on a disposed container, its consumers took messages
            // from the queues the retried hub shares on RabbitMQ and faulted them (RabbitPostgresEndpointDownThenBackTests).
            using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                try
                {
                    await app.StopAsync(stopping.Token);
                }
                catch (Exception stopFailure) when (stopFailure is OperationCanceledException or InvalidOperationException or AggregateException)
                {
                    // The start's own exception is the one to report.
                }
            }

            await app.DisposeAsync();
            throw;
        }

        return new TestHub(app, baseAddress, data, all);
    }

    /// <summary>
    /// Removes the EventSource logger the framework adds to every host. A hub process has one host, but this test process
    /// starts hundreds: each host's logging options register with the one static <c>LoggingEventSource</c>, and a heap
    /// dump of a full run showed every stopped hub still reachable through it (175 buses and meter providers, 2 GiB).
    /// </summary>
    private static void WithoutEventSourceLogging(IServiceCollection services)
    {
        var eventSourceLogging = typeof(Microsoft.Extensions.Logging.EventSource.EventSourceLoggerProvider).Assembly;
        foreach (var descriptor in services.Where(d => !d.IsKeyedService
            && (d.ImplementationType?.Assembly == eventSourceLogging || d.ImplementationInstance?.GetType().Assembly == eventSourceLogging)).ToList())
        {
            services.Remove(descriptor);
        }
    }

    private const string TerminalListener = "CommerceBus:Adapters:Tcp:Listeners:terminals:";

    /// <summary>Whether <paramref name="settings"/> configure a credential (API keys, client certificates, a token issuer).</summary>
    private static bool HasCredentials(IDictionary<string, string?> settings) => settings.Keys.Any(k =>
        k.StartsWith("CommerceBus:Security:ApiKeys:", StringComparison.OrdinalIgnoreCase)
        || k.StartsWith("CommerceBus:Security:Certificates:", StringComparison.OrdinalIgnoreCase)
        || (k.Equals("CommerceBus:Security:Jwt:Authority", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(settings[k])));

    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
