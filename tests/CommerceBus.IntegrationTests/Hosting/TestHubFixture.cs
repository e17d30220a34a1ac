using Xunit;

namespace CommerceBus.IntegrationTests.Hosting;

/// <summary>One hub for a whole test class.</summary>
public class TestHubFixture : IAsyncLifetime
{
    private TestHub? _hub;

    public TestHub Hub => _hub ?? throw new InvalidOperationException("The hub has not started.");

    public virtual async Task InitializeAsync() => _hub = await TestHub.StartAsync();

    public virtual async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    protected void Started(TestHub hub) => _hub = hub;
}
