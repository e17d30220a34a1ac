using System.Diagnostics;
using CommerceBus.Persistence;
using Xunit;

namespace CommerceBus.IntegrationTests.Persistence;

/// <summary>
/// <c>dotnet CommerceBus.Host.dll migrate</c> as an operator runs it: a child process of the real host, whose standard
/// output carries only the answer (the list, the script) and whose exit code says whether it worked.
/// </summary>
public sealed class MigrateCommandProcessTests
{
    [Fact]
    public async Task Migrate_lists_applies_and_scripts_on_a_database_of_release_3fc6b1e_from_the_command_line()
    {
        await using var storage = HubStorage.Sqlite();
        await Release3fc6b1e.CreateAsync(storage);
        var settings = $"--CommerceBus:Storage:SqlitePath={storage.SqlitePath}";

        var (listed, listExit) = await RunAsync("migrate", "--list", settings);
        Assert.Equal(0, listExit);
        Assert.StartsWith($"pending  {HubDatabase.BaselineMigration}", listed, StringComparison.Ordinal);

        var (script, scriptExit) = await RunAsync("migrate", "--script", settings);
        Assert.Equal(0, scriptExit);
        Assert.StartsWith("-- CommerceBus schema for this SQLite database", script, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", script, StringComparison.Ordinal);

        var (_, migrateExit) = await RunAsync("migrate", settings);
        Assert.Equal(0, migrateExit);
        var (after, _) = await RunAsync("migrate", "--list", settings);
        Assert.DoesNotContain("pending", after, StringComparison.Ordinal);
        Assert.Contains($"applied  {HubDatabase.BaselineMigration}", after, StringComparison.Ordinal);

        // A database a newer release migrated: the command refuses it too, with a non-zero exit.
        await storage.ExecuteAsync($"INSERT INTO \"__EFMigrationsHistory\" VALUES ('{MadeUpColumn.Id}', '10.0.4')");
        var (_, refusedExit) = await RunAsync("migrate", settings);
        Assert.Equal(1, refusedExit);
    }

    private static async Task<(string Output, int ExitCode)> RunAsync(params string[] args)
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

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        await errors;
        return (await output, process.ExitCode);
    }
}
