namespace CommerceBus.Adapters.Http;

/// <summary>The name an HTTP contract is registered under, so a wrong <c>Contract</c> setting can list the known ones.</summary>
public sealed record HttpContractName(string Name)
{
    /// <summary>Names are matched case-insensitively: the key they are stored under.</summary>
    internal static string KeyOf(string name) => "http-contract:" + name.Trim().ToLowerInvariant();
}
