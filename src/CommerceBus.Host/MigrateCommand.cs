using CommerceBus.Core.Persistence;

namespace CommerceBus.Host;

/// <summary>
/// <c>dotnet CommerceBus.Host.dll migrate [--script | --list] [settings]</c>: the schema commands for operators who
/// migrate by hand (<c>CommerceBus:Storage:MigrateAtStartup=false</c>), on the database the same settings give the hub.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    /// <summary>Runs the command; returns the process exit code. The script and the list go to standard output, logs to standard error.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, Action<WebApplicationBuilder>? configure = null)
    {
        var script = args.Contains("--script", StringComparer.Ordinal);
        var list = args.Contains("--list", StringComparer.Ordinal);
        var settings = args.Where(a => a is not ("--script" or "--list")).ToArray();
        await using var app = HubApp.Build(settings, builder =>
        {
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            configure?.Invoke(builder);
        });
        var migrator = app.Services.GetRequiredService<HubSchemaMigrator>();
        try
        {
            if (script)
            {
                await output.WriteLineAsync(await migrator.ScriptAsync(CancellationToken.None));
            }
            else if (list)
            {
                await WriteListAsync(await migrator.GetStatusAsync(CancellationToken.None), output);
            }
            else
            {
                await migrator.MigrateAsync(CancellationToken.None);
                var status = await migrator.GetStatusAsync(CancellationToken.None);
                await output.WriteLineAsync($"The database's schema is at {status.DatabaseVersion}.");
            }

            return 0;
        }
        catch (Exception ex) when (ex is SchemaVersionException or TimeoutException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static async Task WriteListAsync(SchemaStatus status, TextWriter output)
    {
        foreach (var migration in status.Known)
        {
            await output.WriteLineAsync($"{(status.Applied.Contains(migration) ? "applied" : "pending"),-8} {migration}");
        }

        foreach (var migration in status.Unknown)
        {
            await output.WriteLineAsync($"{"unknown",-8} {migration} (applied by a newer release)");
        }

        if (status.Applied.Count == 0)
        {
            await output.WriteLineAsync("No migrations history: an empty database, or one made by release 3fc6b1e, which `migrate` records at the baseline.");
        }
    }
}
