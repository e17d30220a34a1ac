using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.Security;
using CommerceBus.Security.ApiKeys;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>API key clients for tests, configured exactly as outside users do: <c>ApiKeys:{client}:Hash</c> and <c>:Roles:{i}</c>.</summary>
public static class TestClients
{
    /// <summary>The client with every role that tests use for requests they are not about.</summary>
    public const string Tester = "tester";

    /// <summary>Each test client's key; only its hash is ever in the hub's settings.</summary>
    public static string KeyOf(string client) => $"test-key-of-{client}-0123456789";

    public static Dictionary<string, string?> Settings(params (string Client, string[] Roles)[] clients)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (client, roles) in clients)
        {
            settings[$"CommerceBus:Security:ApiKeys:{client}:Hash"] = ApiKeyHash.Of(KeyOf(client));
            for (var i = 0; i < roles.Length; i++)
            {
                settings[$"CommerceBus:Security:ApiKeys:{client}:Roles:{i}"] = roles[i];
            }
        }

        return settings;
    }

    /// <summary>The tester with every role, to add to a hub's settings beside the clients a test is about.</summary>
    public static (string, string[]) AllRoles(string client = Tester) => (client, SecurityRoles.All.ToArray());

    /// <summary>A client of the hub presenting <paramref name="client"/>'s key (no key at all when null).</summary>
    public static HttpClient As(this TestHub hub, string? client, string? key = null)
    {
        var http = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var presented = key ?? (client is null ? null : KeyOf(client));
        if (presented is not null)
        {
            http.DefaultRequestHeaders.Add(ApiKeyDefaults.Header, presented);
        }

        return http;
    }

    /// <summary>Like <see cref="As"/>, for a request the hub may refuse before reading all of it (<see cref="TestHubExtensions.OneShotClient"/>).</summary>
    public static HttpClient OneShotAs(this TestHub hub, string? client)
    {
        var http = hub.As(client);
        http.DefaultRequestHeaders.ConnectionClose = true;
        http.DefaultRequestHeaders.ExpectContinue = true;
        return http;
    }
}
