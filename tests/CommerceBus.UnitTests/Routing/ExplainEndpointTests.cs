using System.Text;
using System.Text.Json;
using CommerceBus.Routing;
using CommerceBus.Routing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.UnitTests.Routing;

/// <summary>The explain handler run against an in-memory HTTP context; the integration suite covers it over the wire.</summary>
public sealed class ExplainEndpointTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection()
        .AddLogging()
        .AddCommerceBusRouting(new SwappableConfiguration(DemoConfiguration.Json).CommerceBus)
        .BuildServiceProvider();

    public void Dispose() => services.Dispose();

    private async Task<(int Status, string? ContentType, JsonElement Body)> Post(string json)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var response = new MemoryStream();
        context.Response.Body = response;

        var result = await RouteExplainHandler.HandleAsync(context.Request, services.GetRequiredService<IMessageRouter>(), CancellationToken.None);
        await result.ExecuteAsync(context);

        using var document = JsonDocument.Parse(response.ToArray());
        return (context.Response.StatusCode, context.Response.ContentType, document.RootElement.Clone());
    }

    [Fact]
    public async Task A_valid_request_is_explained_as_camelCase_json()
    {
        var (status, contentType, body) = await Post("""
            { "type": "BookOrder", "headers": { "x-priority": "high" },
              "body": { "region": "US", "lines": [ { "sku": "BOOK-1" } ] } }
            """);

        Assert.Equal(200, status);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal("BookOrder.v1", body.GetProperty("type").GetString());
        Assert.Equal("FirstMatch", body.GetProperty("mode").GetString());
        Assert.Equal("erp-us", body.GetProperty("routes")[0].GetString());
        Assert.Equal("erp-us", body.GetProperty("endpoints")[0].GetString());
        Assert.False(body.GetProperty("unroutable").GetBoolean());
        var erpEu = body.GetProperty("rules")[1];
        Assert.Equal("erp-eu", erpEu.GetProperty("name").GetString());
        Assert.False(erpEu.GetProperty("matched").GetBoolean());
        Assert.Equal("region Equals 'EU': was 'US'", erpEu.GetProperty("reasons")[1].GetString());
        Assert.False(body.GetProperty("rules")[5].GetProperty("considered").GetBoolean());
    }

    [Theory]
    [InlineData("""{ "body": {} }""", "type")]
    [InlineData("""{ "type": " ", "body": {} }""", "type")]
    [InlineData("""{ "type": "BookOrdr", "body": {} }""", "type")]
    [InlineData("""{ "type": "BookOrder", "body": [ 1 ] }""", "body")]
    [InlineData("""{ "type": "BookOrder" }""", "body")]
    [InlineData("""{ "type": "BookOrder", "headers": [ "x" ], "body": {} }""", "headers")]
    [InlineData("""{ "type": "BookOrder", "headers": { "x-count": 3 }, "body": {} }""", "headers.x-count")]
    [InlineData("""[ "BookOrder" ]""", "")]
    public async Task A_bad_request_is_a_400_problem_naming_the_field(string json, string field)
    {
        var (status, contentType, body) = await Post(json);

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Theory]
    [InlineData("{ \"type\": ")]
    [InlineData("")]
    public async Task A_body_that_is_not_json_is_a_400_problem_without_a_stack_trace(string json)
    {
        var (status, contentType, body) = await Post(json);

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal("The request body is not valid JSON.", body.GetProperty("title").GetString());
        var detail = body.GetProperty("detail").GetString();
        Assert.DoesNotContain("Exception", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", detail, StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("exception", out _));
    }

    [Fact]
    public void MapRouteExplain_maps_POST_api_routes_explain()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddCommerceBusRouting(new SwappableConfiguration(DemoConfiguration.Json).CommerceBus);
        using var app = builder.Build();

        app.MapRouteExplain();

        var endpoint = Assert.Single(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>());
        Assert.Equal("/api/routes/explain", endpoint.RoutePattern.RawText);
        Assert.Equal(["POST"], endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods);
    }
}
