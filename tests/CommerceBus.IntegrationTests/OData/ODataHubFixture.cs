using System.Text.Json;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CommerceBus.IntegrationTests.OData;

/// <summary>A hub with the <see cref="ODataSeed"/> read model and a small page size, on the database a subclass chooses.</summary>
public abstract class ODataHubFixture : IAsyncLifetime
{
    public const int PageSize = 4;

    private TestHub? _hub;

    public TestHub Hub => _hub ?? throw new InvalidOperationException("The hub has not started.");

    public SqlCapture Sql { get; } = new();

    /// <summary>Why the tests of this fixture skip, or null when they run.</summary>
    public virtual string? SkipReason => null;

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        var settings = new Dictionary<string, string?>
        {
            ["CommerceBus:Adapters:OData:MaxPageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CommerceBus:Adapters:OData:MaxTop"] = "50",
            ["CommerceBus:Adapters:OData:MaxNodeCount"] = "40",
            ["Logging:LogLevel:" + SqlCapture.Category] = SqlCapture.Level,
        };
        foreach (var (key, value) in await DatabaseSettingsAsync())
        {
            settings[key] = value;
        }

        _hub = await TestHub.StartAsync(settings, configureServices: s => s.AddSingleton<ILoggerProvider>(Sql), environment: Environment);
        await using var db = await Hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        ODataSeed.Add(db);
        await db.SaveChangesAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    /// <summary>GETs an OData URL and returns the status and the JSON body.</summary>
    public async Task<(int Status, JsonElement Body, string Text)> GetAsync(string url)
    {
        using var response = await Hub.Http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return ((int)response.StatusCode, document.RootElement.Clone(), text);
    }

    protected virtual string? Environment => null;

    protected virtual Task<IDictionary<string, string?>> DatabaseSettingsAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());
}
