using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Soap;
using Xunit;
using Xunit.Abstractions;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// Generated bad requests against the SOAP OrderService of one real hub, in SOAP 1.1 and 1.2: every case gets a SOAP
/// fault with a reason (or, if the mutation stayed valid, a proper PlaceOrder answer), the hub stays up, and nothing
/// refused reaches the database.
/// </summary>
public sealed class SoapBadInputSuiteTests(TestHubFixture fixture, ITestOutputHelper output) : IClassFixture<TestHubFixture>
{
    private static readonly string[] ClientCodes = ["Client", "Sender", "VersionMismatch", "MustUnderstand"];

    private TestHub Hub => fixture.Hub;

    public static IReadOnlyList<BadInputCase> Cases(int seed)
    {
        var random = new Random(seed);
        var lists = new[] { (Letter: 'S', Soap12: false), (Letter: 'Q', Soap12: true) }.Select(v =>
        {
            var cases = new CaseList(v.Letter, n => Encoding.UTF8.GetBytes(Valid(n, v.Soap12)), v.Soap12 ? "1.2" : "1.1");
            cases.AddByteMutations(random, step: 3, flips: 200, utf8: 60, noise: 60, noiseMaxLength: 2048);
            XmlMutations.AddStructural(cases, n => Valid(n, v.Soap12), v.Soap12 ? SoapMessages.Soap12 : SoapMessages.Soap11);
            cases.AddText("oversize", "2 MiB, chunked", n => Valid(n, v.Soap12).Replace("<soap:Body>", "<soap:Body>" + new string(' ', 2 * 1024 * 1024), StringComparison.Ordinal), (v.Soap12 ? "1.2" : "1.1") + "|chunked");
            cases.AddText("wrong-action", "unknown action", n => Valid(n, v.Soap12), (v.Soap12 ? "1.2" : "1.1") + "|action=urn:commercebus:legacy:orders:v1/Nope");
            cases.AddText("wrong-action", "GetOrderStatus action", n => Valid(n, v.Soap12), (v.Soap12 ? "1.2" : "1.1") + "|action=urn:commercebus:legacy:orders:v1/GetOrderStatus");
            cases.AddText("wrong-action", "no action", n => Valid(n, v.Soap12), (v.Soap12 ? "1.2" : "1.1") + "|action=");
            return cases;
        }).ToArray();
        return CaseList.Concat(lists);
    }

    [Fact]
    public async Task Every_generated_bad_request_gets_a_soap_fault_and_the_hub_keeps_working()
    {
        var tally = new BadInputTally(nameof(SoapBadInputSuiteTests));
        var cases = Cases(BadInputSeed.Value);

        await HubAfterBadInput.RunAsync(cases, workers: 4, (_, c) => SendAsync(c, tally));

        output.WriteLine(tally.Table());
        await HubAfterBadInput.AssertHealthyAsync(Hub);
        var order = Orders.Valid();
        var placed = await new RawSoapClient(Hub.Http, soap12: false).SendAsync(SoapMessages.PlaceOrder(order));
        Assert.Equal("true", placed.Result("Accepted"));
        await HubAfterBadInput.AssertCompletesAsync(Hub, tally, order.OrderNumber!);
        await HubAfterBadInput.AssertNothingHalfProcessedAsync(Hub, tally);
        HubAfterBadInput.AssertNoFailures(tally);
        HubAfterBadInput.AssertBoundedMemory(output, tally);
        Assert.True(tally.Total >= 1000, $"only {tally.Total} cases");
    }

    public static string Valid(string orderNumber, bool soap12) =>
        SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(Orders.Valid(orderNumber)));

    private async Task SendAsync(BadInputCase c, BadInputTally tally)
    {
        var variant = c.Variant.Split('|');
        var soap12 = variant[0] == "1.2";
        var action = variant.FirstOrDefault(v => v.StartsWith("action=", StringComparison.Ordinal))?["action=".Length..] ?? SoapMessages.Action("PlaceOrder");
        string text;
        HttpStatusCode status;
        string? contentType;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/soap/OrderService") { Content = Content(c, soap12, action, variant.Contains("chunked")) };
            request.Headers.ExpectContinue = c.Category == "oversize";  // see RestBadInputSuiteTests.SendAsync
            request.Headers.ConnectionClose = c.Category == "oversize";
            if (!soap12 && action.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{action}\"");
            }

            using var response = await Hub.Http.SendAsync(request);
            (status, contentType, text) = (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex)
        {
            tally.Failed(c, $"no answer: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        SoapResponse answer;
        try
        {
            answer = new SoapResponse(status, contentType, text);
        }
        catch (Exception ex)
        {
            tally.Failed(c, $"status {(int)status} {contentType}, not a SOAP envelope ({ex.GetType().Name}): {Clip(text)}");
            return;
        }

        if (!answer.IsFault)
        {
            if (answer.Result("Accepted") == "true" && answer.Result("OrderNumber") is { Length: > 0 } number)
            {
                tally.Accepted(c, number);
            }
            else if (answer.Result("Accepted") == "false" && !string.IsNullOrWhiteSpace(answer.Result("Message")))
            {
                tally.Refused(c);
            }
            else
            {
                tally.Failed(c, $"an answer that is neither a fault nor an acceptance: {Clip(text)}");
            }

            return;
        }

        if (status != HttpStatusCode.InternalServerError || !ClientCodes.Contains(answer.FaultCodeName) || string.IsNullOrWhiteSpace(answer.FaultReason)
            || text.Contains("   at ", StringComparison.Ordinal))
        {
            tally.Failed(c, $"status {(int)status}, fault {answer.FaultCode}: {Clip(text)}");
            return;
        }

        tally.Refused(c);
    }

    private static HttpContent Content(BadInputCase c, bool soap12, string action, bool chunked)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStreamOfUnknownLength(c.Body)) : new ByteArrayContent(c.Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(soap12
            ? $"application/soap+xml; charset=utf-8{(action.Length > 0 ? $"; action=\"{action}\"" : "")}"
            : "text/xml; charset=utf-8");
        return content;
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private sealed class MemoryStreamOfUnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
