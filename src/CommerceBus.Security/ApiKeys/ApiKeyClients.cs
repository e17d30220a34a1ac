using System.Security.Claims;

namespace CommerceBus.Security.ApiKeys;

/// <summary>The one place an API key is turned into a client: the configured entry whose hash matches, with its roles.</summary>
internal static class ApiKeyClients
{
    /// <summary>The client of <paramref name="key"/> as a principal of <paramref name="scheme"/>, or null when no configured key matches.</summary>
    public static ClaimsPrincipal? Authenticate(SecurityOptions options, string key, string scheme, out string presentedHash)
    {
        presentedHash = ApiKeyHash.Of(key);
        foreach (var (clientId, client) in options.ApiKeys)
        {
            if (ApiKeyHash.Matches(presentedHash, client.Hash))
            {
                var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
                identity.AddClaim(new Claim(ClaimTypes.Name, clientId));
                identity.AddClaims(client.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
                return new ClaimsPrincipal(identity);
            }
        }

        return null;
    }
}
