namespace CommerceBus.IntegrationTests.Security;

/// <summary>One request to one surface, the client whose role opens it, a client whose role does not, and what the right client gets.</summary>
/// <remarks>A null <c>Expected</c> means anything but 401 and 403 (a proxied service's own answer).</remarks>
public sealed record SurfaceCase(string Method, string Path, string? JsonBody, string RightClient, string? WrongRoleClient, int? Expected)
{
    public HttpRequestMessage Request(string? key)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (JsonBody is not null)
        {
            request.Content = new StringContent(JsonBody, System.Text.Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add(CommerceBus.Security.ApiKeys.ApiKeyDefaults.Header, key);
        }

        return request;
    }
}
