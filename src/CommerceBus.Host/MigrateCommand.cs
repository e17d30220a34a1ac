using CommerceBus.Persistence;

namespace CommerceBus.Host;

/// <summary>
/// <c>dotnet CommerceBus.Host.dll migrate [--script | --list | --to &lt;migration&gt;] [settings]</c>: the schema commands
/// for operators who migrate by hand (<c>CommerceBus:Storage:MigrateAtStartup=false</c>) or step back to an earlier
/// release, on the database the same settings give the hub.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    /// <summary>Runs the command; returns the process exit code. The script and the list go to standard output, logs to standard error.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, Action<WebApplicationBuilder>? configure = null)
    {
        bool script = false, list = false;
        string? to = null;
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--script": script = true; break;
                case "--list": list = true; break;
                case "--to" when i + 1 < args.Length: to = args[++i]; break;
                default: settings.Add(args[i]); break;
            }
        }

        await using var app = HubApp.Build([.. settings], builder =>
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
            else if (to is not null)
            {
                await migrator.MigrateToAsync(to, CancellationToken.None);
                await output.WriteLineAsync($"The database's schema is at {(await migrator.GetStatusAsync(CancellationToken.None)).DatabaseVersion}.");
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
