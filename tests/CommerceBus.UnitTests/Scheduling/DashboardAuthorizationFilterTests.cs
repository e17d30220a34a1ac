using System.Net;
using System.Text;
using CommerceBus.Core.Scheduling;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CommerceBus.UnitTests.Scheduling;

public sealed class DashboardAuthorizationFilterTests
{
    private static readonly SchedulerOptions WithCredential = new() { DashboardUser = "ops", DashboardPassword = "s3cret" };

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Loopback_request_is_allowed_without_a_credential(string address) =>
        Assert.True(new DashboardAuthorizationFilter(new SchedulerOptions()).IsAllowed(Request(address, null)));

    [Theory]
    [InlineData(null)]
    [InlineData("ops:guess")]
    [InlineData("ops")]
    public void Remote_request_without_the_right_credential_is_refused_and_told_to_authenticate(string? credential)
    {
        var http = Request("203.0.113.9", credential);

        Assert.False(new DashboardAuthorizationFilter(WithCredential).IsAllowed(http));
        Assert.StartsWith("Basic", http.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_request_with_the_configured_credential_is_allowed() =>
        Assert.True(new DashboardAuthorizationFilter(WithCredential).IsAllowed(Request("203.0.113.9", "ops:s3cret")));

    [Fact]
    public void Remote_request_is_refused_when_no_credential_is_configured_even_an_empty_one() =>
        Assert.False(new DashboardAuthorizationFilter(new SchedulerOptions()).IsAllowed(Request("203.0.113.9", ":")));

    private static DefaultHttpContext Request(string remote, string? credential)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (credential is not null)
        {
            http.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credential));
        }

        return http;
    }
}
