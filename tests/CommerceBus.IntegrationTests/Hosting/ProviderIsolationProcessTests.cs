using System.Diagnostics;
using System.Globalization;
using CommerceBus.Conformance;
using Xunit;

namespace CommerceBus.IntegrationTests.Hosting;

/// <summary>
/// The real host as a process of its own (a test process has loaded every provider already): on the embedded default it
/// maps the SQLite provider and neither Npgsql, Hangfire's PostgreSQL storage nor the hub's PostgreSQL provider, which
/// the host chooses by configuration and loads only when configured. Reads <c>/proc/&lt;pid&gt;/maps</c> (Linux, as CI).
/// It also maps no assembly that only a scan of every loaded type reaches (issue 21 item 3, idle memory): such a scan
/// loads tens of thousands of types into the runtime's loader heaps for the life of the process.
/// </summary>
public sealed class ProviderIsolationProcessTests
{
    [Fact]
    public async Task A_hub_on_the_embedded_default_loads_no_PostgreSQL_or_RabbitMQ_assembly_and_scans_no_types()
    {
        var data = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var port = TestHub.FreeTcpPort();
        var shipping = TestHub.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        var erpEu = $"http://127.0.0.1:{TestHub.FreeTcpPort()}";
        var erpUs = $"http://127.0.0.1:{TestHub.FreeTcpPort()}";
        var payments = $"http://127.0.0.1:{TestHub.FreeTcpPort()}";
        string[] settings =
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--CommerceBus:Storage:SqlitePath={Path.Combine(data, "commercebus.db")}",
            "--CommerceBus:Adapters:Tcp:Listeners:terminals:Port=0",
            $"--CommerceBus:DemoEndpoints:Shipping:Port={shipping}",
            $"--CommerceBus:Endpoints:shipping:Port={shipping}",
            $"--CommerceBus:DemoEndpoints:LegacyErp:EuUrl={erpEu}",
            $"--CommerceBus:DemoEndpoints:LegacyErp:UsUrl={erpUs}",
            $"--CommerceBus:Endpoints:erp-eu:Address={erpEu}/LegacyErp/BookingService",
            $"--CommerceBus:Endpoints:erp-us:Address={erpUs}/LegacyErp/BookingService",
            $"--CommerceBus:DemoEndpoints:Payments:Url={payments}",
            $"--CommerceBus:Endpoints:payments:BaseUrl={payments}",
        ];

        using var process = Start(settings);
        try
        {
            await WaitUntilHealthyAsync(process, new Uri($"http://127.0.0.1:{port}/health"));

            // One order through the whole flow first: what a hub loads on its first bus message counts too.
            await PlaceAndCompleteOrderAsync(process, new Uri($"http://127.0.0.1:{port}"));
            var mapped = await File.ReadAllTextAsync($"/proc/{process.Id}/maps");

            Assert.Contains("CommerceBus.Persistence.Sqlite.dll", mapped, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql", mapped, StringComparison.Ordinal);
            Assert.DoesNotContain("Hangfire.PostgreSql.dll", mapped, StringComparison.Ordinal);
            Assert.DoesNotContain("CommerceBus.Persistence.PostgreSql.dll", mapped, StringComparison.Ordinal);

            // The host is started without OTEL_EXPORTER_OTLP_ENDPOINT (Start), so nothing is exported over OTLP (OpenTelemetrySetup).
            Assert.False(mapped.Contains("OpenTelemetry.Exporter.OpenTelemetryProtocol.dll", StringComparison.Ordinal),
                "the OTLP exporter is mapped with no OTLP endpoint configured: keep its calls in methods of their own (OpenTelemetrySetup.AddOtlpExporter).");

            // No broker configured: neither MassTransit's RabbitMQ transport nor RabbitMQ.Client (BusRegistration adds the
            // orphaned-delivery filter on RabbitMQ only), and MVC looks for controllers in the OData adapter's parts only
            // (ODataAdapterBuilderExtensions), so it loads neither the PostgreSQL migrations nor every type of the hub's
            // other assemblies (issue 21 item 3).
            foreach (var unused in new[] { "RabbitMQ.Client.dll", "MassTransit.RabbitMqTransport.dll", "CommerceBus.Persistence.Migrations.PostgreSql.dll" })
            {
                Assert.False(mapped.Contains(unused, StringComparison.Ordinal),
                    $"{unused} is mapped on the embedded default (SQLite, in-memory bus): find what loads it (an AppDomain.AssemblyLoad handler printing the stack, e.g. through DOTNET_STARTUP_HOOKS) and keep it to the configuration that needs it.");
            }

            // Windows' HTTP.sys server and System.Drawing are referenced by ASP.NET Core types the hub never uses on
            // Linux: only Assembly.GetTypes() over every loaded assembly maps them (OData's model builder did, with its
            // default assembly resolver). If one appears, find the scan (dotnet-dump's dumpruntimetypes lists the types
            // it loaded) and give it the few assemblies it needs, as HubEdmModel does.
            foreach (var scanned in new[] { "Microsoft.AspNetCore.Server.HttpSys.dll", "System.Drawing.Primitives.dll" })
            {
                Assert.False(mapped.Contains(scanned, StringComparison.Ordinal),
                    $"{scanned} is mapped: something in the hub scans every loaded type (Assembly.GetTypes() over the app domain), which keeps about 20 MB of type data resident; find it and narrow it to the assemblies it needs.");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exited.Token);
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task PlaceAndCompleteOrderAsync(Process process, Uri hub)
    {
        using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(30) };
        var number = Orders.NewNumber("E");
        var json = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Assets", "place-order.json")))
            .Replace("A-1001", number, StringComparison.Ordinal);
        using (var placed = await http.PostAsync("/api/orders", new StringContent(json, System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.True(placed.IsSuccessStatusCode, $"the hub refused the order: {(int)placed.StatusCode} {await placed.Content.ReadAsStringAsync()}");
        }

        var waited = Stopwatch.StartNew();
        var last = "";
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.False(process.HasExited, "the host exited while an order was under way");
            last = await http.GetStringAsync($"/api/orders/{number}");
            if (last.Contains("\"Completed\"", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Assert.Fail($"order {number} did not complete within 2 minutes (last answer: {last}); do the demo endpoints run beside the test's host, at the addresses its endpoints name?");
    }

    private static Process Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CommerceBus.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;

        // Drained so that a chatty host never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilHealthyAsync(Process process, Uri health)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.False(process.HasExited, $"the host exited with {(process.HasExited ? process.ExitCode : 0)} before it was healthy");
            try
            {
                using var response = await http.GetAsync(health);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer on a loaded machine; ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Assert.Fail($"the host did not answer {health} within 2 minutes");
    }
}
