using CommerceBus.Adapters.Proxy.Routing;
using CommerceBus.Adapters.Proxy.Soap;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.Proxy;

/// <summary>Checks every proxy route at start-up and names each problem with the setting to fix.</summary>
internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyAdapterOptions>
{
    private const string Section = "CommerceBus:Proxy:Routes";

    public ValidateOptionsResult Validate(string? name, ProxyAdapterOptions options)
    {
        var problems = new List<string>();
        var prefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (routeName, route) in options.Routes)
        {
            var at = $"{Section}:{routeName}";
            CheckPrefix(at, routeName, route, prefixes, problems);
            CheckAddress($"{at}:Destination", route.Destination, optional: true, problems);
            foreach (var (value, destination) in route.Cases)
            {
                CheckAddress($"{at}:Cases:{value}", destination, optional: false, problems);
            }

            CheckMatch(at, route, problems);
            if (route.MaxScanBytes <= 0 || route.MaxDepth <= 0 || route.MaxTransformBytes <= 0)
            {
                problems.Add($"{at}: MaxScanBytes, MaxDepth and MaxTransformBytes must be positive");
            }
        }

        for (var i = 0; i < options.TrustedDestinationThumbprints.Count; i++)
        {
            if (!DestinationTrust.IsThumbprint(options.TrustedDestinationThumbprints[i]))
            {
                problems.Add($"CommerceBus:Proxy:TrustedDestinationThumbprints:{i} '{options.TrustedDestinationThumbprints[i]}' is not a SHA-256 thumbprint "
                    + "(64 hex digits: openssl x509 -noout -fingerprint -sha256 -in destination.crt)");
            }
        }

        if (options.ActivityTimeout <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add("CommerceBus:Proxy: ActivityTimeout and ConnectTimeout must be positive");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckPrefix(string at, string routeName, ProxyRouteOptions route, Dictionary<string, string> prefixes, List<string> problems)
    {
        var prefix = route.PathPrefix;
        if (string.IsNullOrEmpty(prefix) || !prefix.StartsWith('/') || prefix.EndsWith('/') || prefix.Contains('{', StringComparison.Ordinal))
        {
            problems.Add($"{at}:PathPrefix '{prefix}' must start with '/', not end with '/' and hold no '{{' (e.g. /legacy/quotes)");
        }
        else if (!prefixes.TryAdd(prefix, routeName))
        {
            problems.Add($"{at}:PathPrefix '{prefix}' is also the prefix of route '{prefixes[prefix]}'; each route needs its own");
        }
    }

    private static void CheckAddress(string setting, string? address, bool optional, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            if (!optional)
            {
                problems.Add($"{setting} is empty; give the destination address (http://host:port/path)");
            }

            return;
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
        {
            problems.Add($"{setting} '{address}' is not an absolute http(s) address without a query (http://host:port/path)");
        }
    }

    private static void CheckMatch(string at, ProxyRouteOptions route, List<string> problems)
    {
        var match = route.RouteBy;
        if (match is null)
        {
            if (route.Cases.Count > 0)
            {
                problems.Add($"{at}:Cases are set but {at}:RouteBy is not; say what to route by (Kind Header, SoapHeader or SoapBody)");
            }

            if (string.IsNullOrWhiteSpace(route.Destination))
            {
                problems.Add($"{at}:Destination is empty; a route without RouteBy forwards everything there");
            }

            return;
        }

        if (route.Cases.Count == 0)
        {
            problems.Add($"{at}:RouteBy is set but {at}:Cases is empty; map each value to a destination");
        }

        switch (match.Kind)
        {
            case ProxyMatchKind.Header when string.IsNullOrWhiteSpace(match.Header):
                problems.Add($"{at}:RouteBy:Header is empty; name the HTTP header to route by");
                break;
            case ProxyMatchKind.SoapHeader or ProxyMatchKind.SoapBody when !SoapPath.TryParse(match.Path, out _, out var error):
                problems.Add($"{at}:RouteBy:Path {error}");
                break;
            case ProxyMatchKind.Header or ProxyMatchKind.SoapHeader or ProxyMatchKind.SoapBody:
                break;
            default:
                problems.Add($"{at}:RouteBy:Kind '{match.Kind}' is unknown; use Header, SoapHeader or SoapBody");
                break;
        }
    }
}
