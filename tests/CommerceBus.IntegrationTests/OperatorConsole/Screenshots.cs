using Microsoft.Playwright;

namespace CommerceBus.IntegrationTests.OperatorConsole;

/// <summary>
/// Where the console's tests save their screenshots: the test output folder always; and <c>docs/console/</c> of the
/// repository (the README shows them) only when <c>COMMERCEBUS_UPDATE_SCREENSHOTS=1</c>, so a normal run changes no file.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var output = Path.Combine(AppContext.BaseDirectory, "console-screenshots");
        Directory.CreateDirectory(output);
        var file = Path.Combine(output, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        if (Environment.GetEnvironmentVariable("COMMERCEBUS_UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root)
        {
            var docs = Path.Combine(root, "docs", "console");
            Directory.CreateDirectory(docs);
            File.Copy(file, Path.Combine(docs, name + ".png"), overwrite: true);
        }
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommerceBus.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
