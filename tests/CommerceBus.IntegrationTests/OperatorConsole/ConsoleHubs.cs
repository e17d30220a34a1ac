using System.Text.RegularExpressions;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommerceBus.IntegrationTests.OperatorConsole;

/// <summary>What the console's tests do with a hub and a page: the settings they start a hub with, signing in.</summary>
internal static class ConsoleHubs
{
    /// <summary>The overview reloads itself every 10 minutes in tests, so no reload lands in the middle of a step.</summary>
    public const string RefreshSeconds = "600";

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["CommerceBus:Console:OverviewRefresh"] = "00:10:00",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Opens <paramref name="path"/>, is sent to the sign-in page, presents <paramref name="client"/>'s API key and comes back.</summary>
    public static async Task SignInAsync(IPage page, string client, string path)
    {
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
        await page.GetByLabel("API key").FillAsync(TestClients.KeyOf(client));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        await Expect(page.Locator(".session")).ToContainTextAsync($"Signed in as {client}");
    }

    public static Task<TestHub> StartAsync(IDictionary<string, string?>? more = null) => TestHub.StartAsync(Settings(more));
}
