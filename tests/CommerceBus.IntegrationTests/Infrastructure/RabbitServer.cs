using System.Diagnostics;
using System.Security.Cryptography;

namespace CommerceBus.IntegrationTests.Infrastructure;

/// <summary>
/// The RabbitMQ node of a test run, named by COMMERCEBUS_TEST_RABBITMQ (an AMQP URI) and COMMERCEBUS_TEST_RABBITMQCTL
/// (a rabbitmqctl bound to that node): hands out throwaway virtual hosts and restarts the broker.
/// </summary>
public static class RabbitServer
{
    public const string UriVariable = "COMMERCEBUS_TEST_RABBITMQ";
    public const string CtlVariable = "COMMERCEBUS_TEST_RABBITMQCTL";

    public const string NotConfiguredMessage =
        "RabbitMQ is not configured: run bash scripts/test.sh, which installs and starts it";

    /// <summary>Why RabbitMQ tests skip, or null when they run: always on CI, where a missing broker must fail, never skip.</summary>
    internal static string? SkipReason => IsAvailable || IsContinuousIntegration ? null : NotConfiguredMessage;

    public static bool IsAvailable =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(UriVariable)) &&
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(CtlVariable));

    private static bool IsContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException(NotConfiguredMessage);

    /// <summary>Creates a virtual host <c>cb-&lt;prefix&gt;-&lt;random&gt;</c> the URI's user may use, and returns its AMQP URI.</summary>
    public static async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var name = $"cb-{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var user = new Uri(Variable(UriVariable)).UserInfo.Split(':')[0];
        await CtlAsync("add_vhost", name);
        await CtlAsync("set_permissions", "-p", name, Uri.UnescapeDataString(user), ".*", ".*", ".*");
        return new UriBuilder(Variable(UriVariable)) { Path = "/" + Uri.EscapeDataString(name) }.Uri.ToString();
    }

    public static Task DeleteVirtualHostAsync(string uri) =>
        CtlAsync("delete_vhost", Uri.UnescapeDataString(new Uri(uri).AbsolutePath.TrimStart('/')));

    /// <summary>Stops the broker application: every connection drops and nothing is accepted until <see cref="StartAsync"/>.</summary>
    public static Task StopAsync() => CtlAsync("stop_app");

    /// <summary>Starts the broker application again; durable queues kept their persistent messages.</summary>
    public static async Task StartAsync()
    {
        await CtlAsync("start_app");
        await CtlAsync("await_startup");
    }

    /// <summary>Closes every client connection to the virtual host of <paramref name="uri"/>, as a network failure would; clients reconnect.</summary>
    public static Task CloseConnectionsAsync(string uri) =>
        CtlAsync("close_all_connections", "-p", Uri.UnescapeDataString(new Uri(uri).AbsolutePath.TrimStart('/')), "closed by a test");

    /// <summary>
    /// Sets the node's memory high watermark: <c>0</c> raises the memory alarm, and the broker then blocks every
    /// connection that publishes (it stops reading from it, so nothing published on it is confirmed); <c>0.4</c>, the
    /// default, clears it. The node is the run's, shared by the <see cref="RabbitCollection"/>, whose classes run one at a time.
    /// </summary>
    public static Task SetMemoryHighWatermarkAsync(string fraction) => CtlAsync("set_vm_memory_high_watermark", fraction);

    /// <summary>Whether the node's memory alarm is raised.</summary>
    public static async Task<bool> MemoryAlarmRaisedAsync() =>
        (await CtlAsync("eval", "rabbit_alarm:get_alarms().")).Contains("memory", StringComparison.Ordinal);

    /// <summary>The queues of the virtual host of <paramref name="uri"/> with their ready and unacknowledged messages and consumers, for failure messages.</summary>
    public static async Task<string> DescribeQueuesAsync(string uri)
    {
        try
        {
            return await CtlAsync("list_queues", "-p", Uri.UnescapeDataString(new Uri(uri).AbsolutePath.TrimStart('/')), "name", "messages_ready", "messages_unacknowledged", "consumers");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"(queues unknown: {ex.Message})";
        }
    }

    private static async Task<string> CtlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Variable(CtlVariable)) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-q");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmqctl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }

        return await output;
    }
}
