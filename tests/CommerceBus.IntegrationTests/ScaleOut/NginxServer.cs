using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;

namespace CommerceBus.IntegrationTests.ScaleOut;

/// <summary>
/// A private nginx in front of hubs, configured from the files the deploy guide gives operators: scripts/servers.sh
/// installs Debian's nginx (with the stream module) and names it in COMMERCEBUS_TEST_NGINX, and deploy/nginx in
/// COMMERCEBUS_TEST_NGINX_TEMPLATES; this renders those templates with their own render.sh for the test's hubs and runs
/// nginx on its own prefix folder and free loopback ports, in the foreground as the test's child, stopped on dispose.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    public const string NginxVariable = "COMMERCEBUS_TEST_NGINX";
    public const string TemplatesVariable = "COMMERCEBUS_TEST_NGINX_TEMPLATES";

    public const string NotConfiguredMessage =
        "nginx is not configured: run bash scripts/test.sh, which installs it and sets " + NginxVariable + " and " + TemplatesVariable;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private NginxServer(Process process, string folder, int httpPort, int tcpPort)
    {
        _process = process;
        Folder = folder;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        TcpEndPoint = new IPEndPoint(IPAddress.Loopback, tcpPort);
    }

    /// <summary>Why nginx tests skip, or null when they run: always on CI, where a missing nginx must fail, never skip.</summary>
    internal static string? SkipReason =>
        IsAvailable || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? null : NotConfiguredMessage;

    public static bool IsAvailable =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(NginxVariable)) &&
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TemplatesVariable));

    /// <summary>The balancer's HTTP address (REST, SOAP, OData, operator API, proxy routes).</summary>
    public Uri HttpAddress { get; }

    /// <summary>The balancer's TCP terminal address (the stream module).</summary>
    public IPEndPoint TcpEndPoint { get; }

    /// <summary>The prefix folder: the rendered nginx.conf, commercebus.conf, commercebus-stream.conf and run/ (logs).</summary>
    public string Folder { get; }

    public string ErrorLog => Path.Combine(Folder, "run", "error.log");

    /// <summary>
    /// Renders deploy/nginx for the hubs' HTTP and TCP addresses (<c>127.0.0.1:port</c>) and starts nginx; returns once
    /// both of its ports take connections. <paramref name="failTimeout"/> is the passive check's <c>fail_timeout</c>.
    /// </summary>
    public static async Task<NginxServer> StartAsync(IEnumerable<int> httpPorts, IEnumerable<int> tcpPorts, string failTimeout = "10s")
    {
        var nginx = Variable(NginxVariable);
        var templates = Variable(TemplatesVariable);
        var folder = Path.Combine(Path.GetTempPath(), "commercebus-tests", "nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // Run as root, nginx's workers drop to an unprivileged user, which must still reach the folder (temporary files).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }
        var httpPort = TestHub.FreeTcpPort();
        var tcpPort = TestHub.FreeTcpPort();

        var render = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        render.ArgumentList.Add(Path.Combine(templates, "render.sh"));
        render.ArgumentList.Add(folder);
        render.Environment["CB_HTTP_HUBS"] = string.Join(' ', httpPorts.Select(p => $"127.0.0.1:{p}"));
        render.Environment["CB_TCP_HUBS"] = string.Join(' ', tcpPorts.Select(p => $"127.0.0.1:{p}"));
        render.Environment["CB_HTTP_LISTEN"] = $"127.0.0.1:{httpPort}";
        render.Environment["CB_TCP_LISTEN"] = $"127.0.0.1:{tcpPort}";
        render.Environment["CB_FAIL_TIMEOUT"] = failTimeout;
        render.Environment["CB_FOREGROUND"] = "1";
        render.Environment["PATH"] = Path.GetDirectoryName(nginx) + ":" + Environment.GetEnvironmentVariable("PATH");
        using (var rendering = Process.Start(render) ?? throw new InvalidOperationException("bash did not start"))
        {
            var output = rendering.StandardOutput.ReadToEndAsync();
            var errors = rendering.StandardError.ReadToEndAsync();
            await rendering.WaitForExitAsync().WaitAsync(StartTimeout);
            if (rendering.ExitCode != 0)
            {
                throw new InvalidOperationException($"deploy/nginx/render.sh failed ({rendering.ExitCode}): {await output}{await errors}");
            }
        }

        var start = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        // -e: the error log from the start, before nginx.conf is read, so nothing goes to the system's /var/log/nginx.
        foreach (var argument in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "run", "error.log") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{nginx} did not start");
        var server = new NginxServer(process, folder, httpPort, tcpPort);
        try
        {
            await Eventually.MatchAsync(
                async () => process.HasExited || (await AcceptsAsync(httpPort) && await AcceptsAsync(tcpPort)),
                ready => ready,
                $"nginx to listen on 127.0.0.1:{httpPort} and :{tcpPort} (configuration and log in {folder})",
                StartTimeout);
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {ReadLog(server.ErrorLog)} (configuration in {folder})");
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public string ReadErrorLog() => ReadLog(ErrorLog);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A fast stop through the pid file (SIGTERM to the master, which stops its workers); SIGKILL to the whole tree
            // if that has not ended it in time.
            try
            {
                using var stop = Process.Start(new ProcessStartInfo(Variable(NginxVariable), ["-p", Folder, "-c", Path.Combine(Folder, "nginx.conf"), "-e", ErrorLog, "-s", "stop"])
                {
                    UseShellExecute = false,
                    RedirectStandardError = true,
                });
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static string ReadLog(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException(NotConfiguredMessage);
}
