using Microsoft.Extensions.Hosting;
using CommerceBus.Inventory;

await InventoryApp.Build(args).RunAsync();
