using System.Globalization;
using CommerceBus.Adapters.Soap.Faults;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>
/// One <c>soap</c> endpoint's settings (<c>CommerceBus:Endpoints:{name}</c>): <c>Address</c>, <c>TimeoutSeconds</c>,
/// <c>Binding</c> (Soap11 or Soap12), <c>MaxResponseBytes</c> and <c>Contract</c> (the name of a registered SOAP contract).
/// </summary>
internal sealed record SoapConnectorSettings(Uri Address, TimeSpan Timeout, SoapVersion Binding, int MaxResponseBytes, string Contract)
{
    public const int DefaultTimeoutSeconds = 30;
    public const int DefaultMaxResponseBytes = 1024 * 1024;

    /// <summary>Reads and checks the settings; throws <see cref="InvalidOperationException"/> naming every bad one.</summary>
    public static SoapConnectorSettings From(IConfiguration section, IReadOnlyCollection<string> contracts)
    {
        var problems = new List<string>();
        var contract = section["Contract"]?.Trim();
        var known = contracts.Count == 0 ? "none is registered" : "registered: " + string.Join(", ", contracts);
        if (string.IsNullOrEmpty(contract))
        {
            problems.Add($"Contract is missing: the name of the SOAP contract the endpoint speaks ({known})");
        }
        else if (!contracts.Contains(contract, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"Contract '{contract}' is not a registered SOAP contract ({known}); does a module add it with AddSoapContract?");
        }

        var address = section["Address"];
        Uri? uri = null;
        if (string.IsNullOrWhiteSpace(address))
        {
            problems.Add("Address is missing: the URL of the SOAP service, e.g. http://localhost:5101/LegacyErp/BookingService");
        }
        else if (!Uri.TryCreate(address, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"Address '{address}' is not an absolute http or https URL");
        }

        var timeout = Number(section, "TimeoutSeconds", DefaultTimeoutSeconds, 1, 600, problems);
        var maxResponse = Number(section, "MaxResponseBytes", DefaultMaxResponseBytes, 1024, 64 * 1024 * 1024, problems);

        var binding = section["Binding"]?.Trim();
        var version = binding switch
        {
            null or "" => SoapVersion.Soap11,
            _ when binding.Equals(nameof(SoapVersion.Soap11), StringComparison.OrdinalIgnoreCase) => SoapVersion.Soap11,
            _ when binding.Equals(nameof(SoapVersion.Soap12), StringComparison.OrdinalIgnoreCase) => SoapVersion.Soap12,
            _ => (SoapVersion?)null,
        };
        if (version is null)
        {
            problems.Add($"Binding '{binding}' is not Soap11 or Soap12");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        return new SoapConnectorSettings(uri!, TimeSpan.FromSeconds(timeout), version!.Value, maxResponse, contract!);
    }

    private static int Number(IConfiguration section, string key, int fallback, int min, int max, List<string> problems)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{key} '{text}' must be a whole number from {min} to {max}");
        return fallback;
    }
}
