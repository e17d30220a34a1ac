using System.Security.Cryptography;
using System.Text;

namespace CommerceBus.Security.ApiKeys;

/// <summary>The one form an API key is kept in: <c>sha256:</c> and the lowercase hex SHA-256 of its UTF-8 bytes.</summary>
public static class ApiKeyHash
{
    public static string Of(string key) =>
        ApiKeyDefaults.HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsWellFormed(string hash) =>
        hash.Length == ApiKeyDefaults.HashPrefix.Length + 64
        && hash.StartsWith(ApiKeyDefaults.HashPrefix, StringComparison.Ordinal)
        && hash.AsSpan(ApiKeyDefaults.HashPrefix.Length).ContainsAnyExcept("0123456789abcdef") == false;

    /// <summary>Compares in constant time, so the answer's timing tells nothing of how much of a hash matched.</summary>
    public static bool Matches(string presentedHash, string configuredHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presentedHash), Encoding.ASCII.GetBytes(configuredHash));
}
