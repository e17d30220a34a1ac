using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace CommerceBus.IntegrationTests.Hosting;

/// <summary>
/// The real host as a process of its own (a test process has loaded every provider already): on the embedded default it
/// maps the SQLite provider and neither Npgsql, Hangfire's PostgreSQL storage nor the hub's PostgreSQL provider, which
/// the host chooses by configuration and loads only when configured. Reads <c>/proc/&lt;pid&gt;/maps</c> (Linux, as CI).
/// </summary>
public sealed class ProviderIsolationProcessTests
{
    [Fact]
    public async Task A_hub_on_the_embedded_default_loads_no_PostgreSQL_assembly()
    {
        var data = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var port = TestHub.FreeTcpPort();
        var shipping = TestHub.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        string[] settings =
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--CommerceBus:Storage:SqlitePath={Path.Combine(data, "commercebus.db")}",
            "--CommerceBus:Adapters:Tcp:Listeners:terminals:Port=0",
            $"--CommerceBus:DemoEndpoints:Shipping:Port={shipping}",
            $"--CommerceBus:Endpoints:shipping:Port={shipping}",
            $"--CommerceBus:DemoEndpoints:LegacyErp:EuUrl=http://127.0.0.1:{TestHub.FreeTcpPort()}",
            $"--CommerceBus:DemoEndpoints:LegacyErp:UsUrl=http://127.0.0.1:{TestHub.FreeTcpPort()}",
            $"--CommerceBus:DemoEndpoints:Payments:Url=http://127.0.0.1:{TestHub.FreeTcpPort()}",
        ];

        using var process = Start(settings);
        try
        {
            await WaitUntilHealthyAsync(process, new Uri($"http://127.0.0.1:{port}/health"));
            var mapped = await File.ReadAllTextAsync($"/proc/{process.Id}/maps");

            Assert.Contains("CommerceBus.Persistence.Sqlite.dll", mapped, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql", mapped, StringComparison.Ordinal);
            Assert.DoesNotContain("Hangfire.PostgreSql.dll", mapped, StringComparison.Ordinal);
            Assert.DoesNotContain("CommerceBus.Persistence.PostgreSql.dll", mapped, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exited.Token);
            Directory.Delete(data, recursive: true);
        }
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
