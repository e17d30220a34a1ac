using System.Diagnostics;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>
/// The real host (<c>dotnet CommerceBus.Host.dll</c>, the run command's application) as a child process, so a test can
/// kill it the way a crash does: <see cref="Crash"/> sends SIGKILL, nothing gets to run on the way down.
/// </summary>
public sealed class HubProcess : IDisposable
{
    /// <summary>
    /// A cold start of the host on a loaded machine (JIT, database and broker set-up, migrations) can take a while: with
    /// seven test runs on two cores (load 60-70) a SQLite hub took over two minutes to migrate and answer.
    /// </summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(240);

    private readonly Process _process;

    private HubProcess(Process process, Uri baseAddress, string log)
    {
        _process = process;
        BaseAddress = baseAddress;
        Log = log;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>The process's console output, for a failing test to show.</summary>
    public string Log { get; }

    /// <summary>Starts the host; on <paramref name="port"/> when given (a balancer names it in advance), else on a free one.</summary>
    public static async Task<HubProcess> StartAsync(string dataDirectory, IDictionary<string, string> settings, int? port = null, TimeSpan? startTimeout = null)
    {
        // A free port can be taken by another process between the check and the hub's bind (parallel test runs on one
        // machine); the start is tried again on other free ports then (not on a port the caller chose).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(dataDirectory, settings, port ?? TestHub.FreeTcpPort(), startTimeout ?? StartTimeout);
            }
            catch (PortTakenException) when (attempt < 3 && port is null)
            {
            }
        }
    }

    private static async Task<HubProcess> StartOnFreePortsAsync(string dataDirectory, IDictionary<string, string> settings, int port, TimeSpan startTimeout)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var host = Path.Combine(AppContext.BaseDirectory, "CommerceBus.Host.dll");
        var log = Path.Combine(dataDirectory, $"hub-{port}.log");
        var arguments = new List<string> { host, "--urls", baseAddress.ToString(), "--Logging:LogLevel:Default=Warning" };

        // The demo Legacy ERP instances listen on ports of their own: free ones keep parallel hubs apart.
        var erpEu = $"http://127.0.0.1:{TestHub.FreeTcpPort()}";
        var erpUs = $"http://127.0.0.1:{TestHub.FreeTcpPort()}";
        arguments.AddRange([
            $"--CommerceBus:DemoEndpoints:LegacyErp:EuUrl={erpEu}",
            $"--CommerceBus:DemoEndpoints:LegacyErp:UsUrl={erpUs}",
            $"--CommerceBus:Endpoints:erp-eu:Address={erpEu}/LegacyErp/BookingService",
            $"--CommerceBus:Endpoints:erp-us:Address={erpUs}/LegacyErp/BookingService",
        ]);

        // So do the TCP terminal listener (any free port) and the demo shipping system with the connector that calls it.
        var shipping = TestHub.FreeTcpPort();
        arguments.AddRange([
            "--CommerceBus:Adapters:Tcp:Listeners:terminals:Port=0",
            $"--CommerceBus:DemoEndpoints:Shipping:Port={shipping}",
            $"--CommerceBus:Endpoints:shipping:Port={shipping}",
        ]);

        // So does the demo Payments HTTP service.
        var payments = $"http://127.0.0.1:{TestHub.FreeTcpPort()}";
        arguments.AddRange([$"--CommerceBus:DemoEndpoints:Payments:Url={payments}", $"--CommerceBus:Endpoints:payments:BaseUrl={payments}/"]);
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));

        // exec keeps the pid: the process killed is the hub itself, not a shell around it.
        var command = "exec dotnet " + string.Join(' ', arguments.Select(Quote)) + $" >{Quote(log)} 2>&1";
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = dataDirectory, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var hub = new HubProcess(process, baseAddress, log);
        try
        {
            await Eventually.MatchAsync(hub.IsHealthyAsync, up => up || process.HasExited, $"the hub process on {baseAddress} to answer /health (log: {log})", startTimeout);
        }
        catch (TimeoutException)
        {
            // Not left running behind the failed test (it would hold its ports, its database, its SQLite lock).
            hub.Dispose();
            throw;
        }

        if (process.HasExited)
        {
            var output = File.ReadAllText(log);
            if (output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                hub.Dispose();
                throw new PortTakenException(output);
            }

            throw new InvalidOperationException($"The hub process exited with {process.ExitCode}: {output}");
        }

        return hub;
    }

    /// <summary>The operating system's id of the hub process (the shell execs it).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public void Crash()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            Crash();
        }

        _process.Dispose();
    }

    private async Task<bool> IsHealthyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/health");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private sealed class PortTakenException(string log) : Exception(log);
}
