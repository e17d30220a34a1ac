using System.Globalization;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// The seed of the bad-input generators: fixed, so every run sends the same cases, and overridable with
/// <c>COMMERCEBUS_BADINPUT_SEED</c> to replay the run a failure message names or to explore other cases.
/// </summary>
public static class BadInputSeed
{
    public const string Variable = "COMMERCEBUS_BADINPUT_SEED";

    public const int Default = 20261124;

    public static int Value { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : Default;

    /// <summary>How to run the same cases again, for failure messages.</summary>
    public static string Reproduce(string testClass) =>
        $"seed {Value}: reproduce with {Variable}={Value} bash scripts/test.sh --filter FullyQualifiedName~{testClass}";
}
