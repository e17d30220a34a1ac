using CommerceBus.Host;

await HubApp.Build(args).RunAsync();
