namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>The name a SOAP contract is registered under, so a wrong <c>Contract</c> setting can list the known ones.</summary>
internal sealed record SoapContractName(string Name)
{
    /// <summary>Names are matched case-insensitively: the key they are stored under.</summary>
    public static string KeyOf(string name) => "soap-contract:" + name.Trim().ToLowerInvariant();
}
