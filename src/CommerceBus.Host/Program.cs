using CommerceBus.Host;

if (args is [MigrateCommand.Name, ..])
{
    return await MigrateCommand.RunAsync(args[1..], Console.Out);
}

await HubApp.Build(args).RunAsync();
return 0;
