using Microsoft.Playwright;
using Xunit;

namespace CommerceBus.IntegrationTests.OperatorConsole;

/// <summary>
/// One real Chromium for the console's tests: Debian's <c>chromium</c> package (the test command installs it and sets
/// <c>COMMERCEBUS_TEST_CHROMIUM</c>), driven by Playwright's Node driver, which its NuGet package carries. Playwright's
/// own browser download is never used.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Variable = "COMMERCEBUS_TEST_CHROMIUM";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No Chromium at {path}: the console's browser tests need Debian's chromium package. Run the test command, " +
                $"bash scripts/test.sh, which installs it and sets {Variable}; or install it (apt-get install chromium) and set {Variable}.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Timeout = 60_000,
            // As root (CI containers) Chromium refuses to start with its sandbox; the pages it opens are the hub's own.
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
