namespace CommerceBus.Security.ApiKeys;

/// <summary>The API key scheme's name and header.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string HashPrefix = "sha256:";
}
