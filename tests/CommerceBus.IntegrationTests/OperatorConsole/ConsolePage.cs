using Microsoft.Playwright;
using Xunit;

namespace CommerceBus.IntegrationTests.OperatorConsole;

/// <summary>
/// A browser tab on the console at a given screen size that records every error the page reports (console errors,
/// uncaught exceptions, failed requests), so a test can assert there were none, and saves screenshots.
/// </summary>
public sealed class ConsolePage : IAsyncDisposable
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"page error: {error}");
            }
        };
    }

    public IPage Page { get; }

    public static async Task<ConsolePage> OpenAsync(Chromium chromium, Uri baseAddress, ViewportSize? size = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = size ?? Desktop,
        });
        context.SetDefaultTimeout(30_000);
        return new ConsolePage(context, await context.NewPageAsync());
    }

    /// <summary>Every error the page reported so far; a test ends with none.</summary>
    public void AssertNoErrors()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "The browser reported errors: " + string.Join(Environment.NewLine, _errors));
        }
    }

    /// <summary>No horizontal scrolling of the page itself at this width: wide tables scroll inside their own box.</summary>
    public async Task AssertFitsWidthAsync()
    {
        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var wide = overflow <= 0 ? "" : await Page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll'))" +
            ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')");
        Assert.True(overflow <= 0, $"The page {Page.Url} is {overflow} px wider than the {Page.ViewportSize?.Width} px screen; past its edge: {wide}");
    }

    /// <summary>
    /// Reloads the page until <paramref name="locator"/> shows <paramref name="text"/>: the console is plain HTML, a
    /// change shows on the next load. Fails after <paramref name="patience"/>, naming what it saw last.
    /// </summary>
    public async Task ReloadUntilAsync(ILocator locator, string text, TimeSpan patience, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var seen = "";
        while (clock.Elapsed < patience)
        {
            await Page.ReloadAsync();
            seen = await locator.InnerTextAsync();
            if (seen.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{what}: the page {Page.Url} did not show \"{text}\" within {patience.TotalSeconds} s; it last showed \"{seen}\".");
    }

    public Task ScreenshotAsync(string name) => Screenshots.SaveAsync(Page, name);

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
