using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Recoverability;
using CommerceBus.IntegrationTests.Security;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace CommerceBus.IntegrationTests.OperatorConsole;

/// <summary>
/// The operator console in a real browser (Chromium through Playwright) against the real hub: what an operator sees
/// and does at /console, at desktop and phone sizes, by keyboard, with no error in the browser.
/// </summary>
public sealed class ConsoleTests(Chromium chromium) : IClassFixture<Chromium>
{
    static ConsoleTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task An_order_placed_over_REST_appears_on_the_timeline_with_its_steps()
    {
        await using var hub = await ConsoleHubs.StartAsync();
        var order = Orders.Valid();
        using (var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        await using var browser = await ConsolePage.OpenAsync(chromium, hub.BaseAddress);
        var page = browser.Page;

        await page.GotoAsync("/console");
        await Expect(page.Locator("#recent-orders")).ToContainTextAsync(order.OrderNumber!);
        await Expect(page.Locator("#orders-by-status")).ToContainTextAsync("Completed");
        Assert.Equal(ConsoleHubs.RefreshSeconds, await page.Locator("meta[http-equiv=refresh]").GetAttributeAsync("content"));
        await browser.ScreenshotAsync("overview");

        await page.GetByRole(AriaRole.Link, new() { Name = order.OrderNumber!, Exact = true }).First.ClickAsync();
        var timeline = page.Locator("#timeline");
        await Expect(page.Locator("#order-h")).ToContainTextAsync("Completed");
        await Expect(timeline).ToContainTextAsync("PlaceOrder.v1 over rest");
        foreach (var delivery in new[] { "ReserveStock.v1 to inventory", "CapturePayment.v1 to payments", "BookOrder.v1 to erp-eu", "BookShipment.v1 to shipping" })
        {
            await Expect(timeline).ToContainTextAsync(delivery);
        }

        Assert.True(await timeline.Locator("li.step.intake").CountAsync() >= 1, "the timeline shows no intake step");
        Assert.True(await timeline.Locator("li.step.delivery").CountAsync() >= 4, "the timeline shows fewer than the four deliveries");
        Assert.True(await timeline.Locator("li.step.reply").CountAsync() >= 4, "the timeline shows fewer than the four replies");
        await Expect(timeline.Locator("li.step.delivery .rule").First).ToContainTextAsync("rule:");
        await browser.ScreenshotAsync("order-timeline");

        // The same order found by its correlation id and by its tracking id.
        var trackingId = await page.Locator("dt:text('Tracking id') + dd").InnerTextAsync();
        await page.GotoAsync($"/console/orders?q={trackingId.Trim()}");
        await Expect(page.Locator("#order-h")).ToContainTextAsync(order.OrderNumber!);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task A_payment_failure_appears_in_its_group_is_retried_from_the_page_after_the_endpoint_is_back_and_the_order_completes()
    {
        var payments = new PoisonPayments();
        await using var hub = await StartWithOperatorsAsync(payments);
        var orders = new[] { Orders.Valid(), Orders.Valid() };
        foreach (var order in orders)
        {
            payments.Broken[order.OrderNumber!] = true;
            await FailedMessageReplayTests.PlaceAsync(hub, order);
        }

        foreach (var order in orders)
        {
            await FailedMessageReplayTests.WaitForFailedAsync(hub, order.OrderNumber!);
        }

        await using var browser = await ConsolePage.OpenAsync(chromium, hub.BaseAddress);
        var page = browser.Page;
        await ConsoleHubs.SignInAsync(page, "alice", "/console/failures");

        var group = page.Locator("#failure-groups tbody tr", new() { HasText = "payments" });
        await Expect(group).ToHaveCountAsync(1);
        await Expect(group).ToContainTextAsync($"{typeof(PaymentsDownException).FullName}: payments cannot take the capture of order # for #");
        await Expect(group.Locator("td.num")).ToHaveTextAsync("2");
        await browser.ScreenshotAsync("failed-messages");

        // The endpoint is back; the operator retries the group with clicks only, confirming first.
        payments.Broken.Clear();
        await group.GetByRole(AriaRole.Link, new() { Name = "Retry group of 2 at payments" }).ClickAsync();
        await Expect(page.Locator("#confirm")).ToContainTextAsync("2 failed messages at payments");
        await browser.ScreenshotAsync("failed-messages-confirm");
        await page.Locator("#confirm-retry-group").ClickAsync();

        var result = page.Locator("#action-result");
        await Expect(result).ToContainTextAsync("Group retried");
        await Expect(result.Locator("li")).ToHaveCountAsync(2);
        await Expect(result.Locator(".audit")).ToHaveCountAsync(2);
        await Expect(result.Locator(".audit").First).ToContainTextAsync("retried by alice");
        await Expect(page.Locator("#no-failures")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("failed-messages-retried");

        foreach (var order in orders)
        {
            Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        }

        Assert.Equal(2, payments.Applied.Values.Sum());
        await page.GotoAsync($"/console/orders?q={orders[0].OrderNumber}");
        await Expect(page.Locator("#order-h")).ToContainTextAsync("Completed");
        await Expect(page.Locator("#timeline li.step.parked")).ToContainTextAsync("retried by alice");
        await Expect(page.Locator("#timeline li.step.operator")).ToContainTextAsync("retried by alice");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task An_invalid_edit_shows_the_field_errors_and_sends_nothing()
    {
        var payments = new PoisonPayments();
        await using var hub = await StartWithOperatorsAsync(payments);
        var order = Orders.Valid();
        payments.Broken[order.OrderNumber!] = true;
        await FailedMessageReplayTests.PlaceAsync(hub, order);
        var failed = await FailedMessageReplayTests.WaitForFailedAsync(hub, order.OrderNumber!);
        var id = failed.GetProperty("id").GetInt64();
        payments.Broken.Clear();

        await using var browser = await ConsolePage.OpenAsync(chromium, hub.BaseAddress);
        var page = browser.Page;
        await ConsoleHubs.SignInAsync(page, "bob", $"/console/failures/{id}");

        var edited = JsonNode.Parse(failed.GetProperty("body").GetRawText())!.AsObject();
        edited["orderNumber"] = "SOMEONE-ELSE";
        edited["customerId"] = "";
        await page.GetByLabel("Canonical JSON").FillAsync(edited.ToJsonString());
        await page.Locator("#check-edit").ClickAsync();

        var errors = page.Locator("#field-errors");
        await Expect(page.Locator("#action-result")).ToContainTextAsync("Nothing was sent");
        await Expect(errors).ToContainTextAsync("orderNumber");
        await Expect(errors).ToContainTextAsync("customerId");
        await Expect(page.Locator("#confirm-edit")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Canonical JSON")).ToHaveValueAsync(edited.ToJsonString());
        await browser.ScreenshotAsync("failed-message-edit-errors");

        var stored = await hub.Http.GetFromJsonAsync<JsonElement>($"{FailedMessageReplayTests.Api}/{id}");
        Assert.Equal("Failed", stored.GetProperty("status").GetString());
        Assert.Empty(payments.Applied);
        Assert.Empty(await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.SourceAdapter == "operations")));
        Assert.Equal("CapturingPayment", await SagaStateAsync(hub, order.OrderNumber!));
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task An_anonymous_request_through_a_proxy_is_refused()
    {
        await using var hub = await ConsoleHubs.StartAsync();
        await using var proxy = await LoopbackReverseProxy.StartAsync(hub.BaseAddress);
        await using var browser = await ConsolePage.OpenAsync(chromium, proxy.Http.BaseAddress!);
        var page = browser.Page;

        var response = await page.GotoAsync("/console/failures");

        Assert.NotNull(response);
        Assert.Equal((int)HttpStatusCode.Unauthorized, response.Status);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("Refused");
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("through a proxy");
        await Expect(page.Locator("#failure-groups, #no-failures")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("sign-in-refused");

        using var post = await proxy.Http.PostAsync("/console/failures", new FormUrlEncodedContent([new("_handler", "retry-group"), new("GroupKey", "x")]));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        using var direct = await hub.Http.GetAsync("/console/failures");
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    [Fact]
    public async Task Every_page_works_by_keyboard_at_desktop_and_phone_width()
    {
        await using var hub = await ConsoleHubs.StartAsync();
        var order = Orders.Valid();
        using (var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed");
        await using (var desktop = await ConsolePage.OpenAsync(chromium, hub.BaseAddress))
        {
            var page = desktop.Page;
            await page.GotoAsync("/console");
            var reached = await TabThroughAsync(page, 40);
            Assert.Equal("Skip to content", reached[0]);
            foreach (var link in new[] { "Overview", "Failed messages", "Orders", "Routes", "Endpoints", order.OrderNumber! })
            {
                Assert.Contains(link, reached);
            }

            // The routes page: reach the explain button by keyboard and press it.
            await page.GotoAsync($"/console/routes?order={order.OrderNumber}");
            await Expect(page.Locator("#explain-request")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("PlaceOrder"));
            await page.Locator("#explain-request").FillAsync("""{"type":"BookOrder","headers":{},"body":{"region":"US"}}""");
            await TabUntilAsync(page, "explain", 10);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#explanation")).ToContainTextAsync("erp-us");
            await Expect(page.Locator("#explanation")).ToContainTextAsync("did not match");
            await Expect(page.Locator("#rules")).ToBeVisibleAsync();
            await desktop.ScreenshotAsync("routes");

            await page.GotoAsync("/console/endpoints");
            await Expect(page.Locator("#endpoints")).ToContainTextAsync("payments");
            await Expect(page.Locator("#listeners")).ToContainTextAsync("tcp / terminals");
            await desktop.ScreenshotAsync("endpoints");
            desktop.AssertNoErrors();
        }

        await using var phone = await ConsolePage.OpenAsync(chromium, hub.BaseAddress, ConsolePage.Phone);
        foreach (var (path, name) in new[] { ("/console", "overview-phone"), ("/console/failures", null), ($"/console/orders?q={order.OrderNumber}", "order-timeline-phone"), ("/console/routes", null), ("/console/endpoints", null) })
        {
            await phone.Page.GotoAsync(path);
            await Expect(phone.Page.Locator("main h1")).ToBeVisibleAsync();
            await phone.AssertFitsWidthAsync();
            if (name is not null)
            {
                await phone.ScreenshotAsync(name);
            }
        }

        phone.AssertNoErrors();
    }

    private static async Task<TestHub> StartWithOperatorsAsync(PoisonPayments payments) =>
        await FailedMessageReplayTests.StartAsync(payments, settings: ConsoleHubs.Settings());

    // Presses Tab up to `presses` times and returns the text of each element focused, in order.
    private static async Task<List<string>> TabThroughAsync(IPage page, int presses)
    {
        var reached = new List<string>();
        for (var i = 0; i < presses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("() => (document.activeElement?.innerText ?? '').trim()"));
        }

        return reached;
    }

    private static async Task TabUntilAsync(IPage page, string id, int presses)
    {
        for (var i = 0; i < presses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") == id)
            {
                return;
            }
        }

        Assert.Fail($"#{id} was not reached by {presses} presses of Tab.");
    }

    private static async Task<string?> SagaStateAsync(TestHub hub, string orderNumber)
    {
        var sagas = await hub.Http.GetFromJsonAsync<JsonElement>($"/odata/Sagas?$filter=OrderNumber eq '{orderNumber}'&$select=CurrentState");
        return sagas.GetProperty("value")[0].GetProperty("CurrentState").GetString();
    }
}
