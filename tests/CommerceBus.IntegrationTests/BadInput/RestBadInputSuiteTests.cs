using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// Generated bad requests against the REST intake of one real hub: every case gets RFC 7807 problem details with a
/// reason (or, if the mutation stayed valid, a proper 202), the hub stays up, and nothing refused reaches the database.
/// </summary>
public sealed class RestBadInputSuiteTests(TestHubFixture fixture, ITestOutputHelper output) : IClassFixture<TestHubFixture>
{
    private const char Letter = 'R';

    private static readonly int[] RefusalStatuses = [400, 409, 413, 415];

    private TestHub Hub => fixture.Hub;

    public static IReadOnlyList<BadInputCase> Cases(int seed)
    {
        var random = new Random(seed);
        var cases = new CaseList(Letter, n => Encoding.UTF8.GetBytes(Valid(n)));
        cases.AddByteMutations(random, step: 1, flips: 500, utf8: 150, noise: 150, noiseMaxLength: 2048);
        JsonMutations.AddStructural(cases, Valid);

        cases.AddText("oversize", "300 KiB string", n => Valid(n).Replace("Ada Lovelace", new string('A', 300 * 1024), StringComparison.Ordinal));
        cases.AddText("oversize", "2 MiB string, chunked", n => Valid(n).Replace("Ada Lovelace", new string('A', 2 * 1024 * 1024), StringComparison.Ordinal), "chunked");
        cases.AddText("oversize", "4000 lines", n => JsonMutations.Replace(Valid(n), ["lines"], "[" + string.Join(",", Enumerable.Repeat("{\"sku\":\"BOOK-001\",\"quantity\":1,\"unitPrice\":1}", 4000)) + "]"));
        cases.AddText("oversize", "100000 lines", n => JsonMutations.Replace(Valid(n), ["lines"], "[" + string.Join(",", Enumerable.Repeat("{\"sku\":\"B\",\"quantity\":1,\"unitPrice\":1}", 100000)) + "]"));
        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=ebcdic", "*/*", "none" })
        {
            cases.AddText("content-type", type, Valid, type);
        }

        return cases.Cases;
    }

    [Fact]
    public async Task Every_generated_bad_request_gets_a_problem_answer_and_the_hub_keeps_working()
    {
        var tally = new BadInputTally(nameof(RestBadInputSuiteTests));
        var cases = Cases(BadInputSeed.Value);

        await HubAfterBadInput.RunAsync(cases, workers: 4, (_, c) => SendAsync(c, tally));

        output.WriteLine(tally.Table());
        await HubAfterBadInput.AssertHealthyAsync(Hub);
        var order = Orders.Valid();
        using (var placed = await Hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        await HubAfterBadInput.AssertCompletesAsync(Hub, tally, order.OrderNumber!);
        await HubAfterBadInput.AssertNothingHalfProcessedAsync(Hub, tally);
        HubAfterBadInput.AssertNoFailures(tally);
        HubAfterBadInput.AssertBoundedMemory(output, tally);
        Assert.True(tally.Total >= 1000, $"only {tally.Total} cases");
    }

    /// <summary>The valid order of the wire contract, as compact JSON, under the given number.</summary>
    public static string Valid(string orderNumber) => CanonicalJson.Serialize(Orders.Valid(orderNumber));

    private async Task SendAsync(BadInputCase c, BadInputTally tally)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = Content(c) };
            // The hub refuses an oversized body without reading it all and closes the connection. A client still
            // uploading then fails to send and never sees the 413, so oversized cases ask first (Expect: 100-continue),
            // as large uploads should, and do not go back to the connection pool.
            request.Headers.ExpectContinue = c.Category == "oversize";
            request.Headers.ConnectionClose = c.Category == "oversize";
            using var response = await Hub.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var number = JsonDocument.Parse(text).RootElement.GetProperty("orderNumber").GetString()!;
                tally.Accepted(c, number);
                return;
            }

            if (Problem(response, text) is { } problem)
            {
                tally.Failed(c, problem);
                return;
            }

            tally.Refused(c);
        }
        catch (Exception ex)
        {
            tally.Failed(c, $"no answer: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>What is wrong with a refusal, or null when it is RFC 7807 problem details with a reason and no stack trace.</summary>
    private static string? Problem(HttpResponseMessage response, string text)
    {
        if (!RefusalStatuses.Contains((int)response.StatusCode))
        {
            return $"status {(int)response.StatusCode}: {Clip(text)}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"status {(int)response.StatusCode} with content type {response.Content.Headers.ContentType}: {Clip(text)}";
        }

        if (text.Contains("   at ", StringComparison.Ordinal))
        {
            return $"a stack trace in the answer: {Clip(text)}";
        }

        using var problem = JsonDocument.Parse(text);
        var root = problem.RootElement;
        var hasReason = (root.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()))
            || (root.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any());
        return root.TryGetProperty("title", out var title) && !string.IsNullOrWhiteSpace(title.GetString()) && hasReason
            ? null
            : $"problem without a title and reason: {Clip(text)}";
    }

    private static HttpContent Content(BadInputCase c)
    {
        if (c.Variant == "chunked")
        {
            var chunked = new StreamContent(new UnseekableStream(c.Body));
            chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return chunked;
        }

        var content = new ByteArrayContent(c.Body);
        if (c.Variant != "none")
        {
            content.Headers.TryAddWithoutValidation("Content-Type", c.Variant.Length > 0 ? c.Variant : "application/json");
        }

        return content;
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>A body of unknown length, so HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
