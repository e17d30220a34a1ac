using System.Net;
using CommerceBus.Security.ApiKeys;
using Microsoft.Extensions.Options;

namespace CommerceBus.Security.Hosting;

/// <summary>Checks the security settings at start-up: key hashes in the one accepted form, known roles, proxy addresses, limits.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = new List<string>();
        foreach (var (client, key) in options.ApiKeys)
        {
            if (!ApiKeyHash.IsWellFormed(key.Hash))
            {
                errors.Add($"CommerceBus:Security:ApiKeys:{client}:Hash must be 'sha256:' followed by the 64 lowercase hex digits of the key's SHA-256 (printf %s \"$KEY\" | sha256sum); the key itself is never configured.");
            }

            if (key.Roles.Count == 0)
            {
                errors.Add($"CommerceBus:Security:ApiKeys:{client}:Roles names no role; give one or more of {string.Join(", ", SecurityRoles.All)}.");
            }

            foreach (var role in key.Roles.Where(r => !SecurityRoles.All.Contains(r, StringComparer.Ordinal)))
            {
                errors.Add($"CommerceBus:Security:ApiKeys:{client}:Roles names '{role}', which is not a role; use {string.Join(", ", SecurityRoles.All)}.");
            }

            if (!string.IsNullOrWhiteSpace(key.DigestSecretFile) && !File.Exists(key.DigestSecretFile))
            {
                errors.Add($"CommerceBus:Security:ApiKeys:{client}:DigestSecretFile names '{key.DigestSecretFile}', which is not a file; mount the client's key there, or leave the setting out (no PasswordDigest for that client).");
            }
        }

        if (options.WsSecurity.FreshnessWindow <= TimeSpan.Zero || options.WsSecurity.ClockSkew < TimeSpan.Zero || options.WsSecurity.NonceCacheSize < 1)
        {
            errors.Add("CommerceBus:Security:WsSecurity needs a positive FreshnessWindow, a ClockSkew of zero or more and a NonceCacheSize of 1 or more.");
        }

        foreach (var (client, certificate) in options.Certificates)
        {
            if (certificate.Normalized.Length != 64 || certificate.Normalized.AsSpan().ContainsAnyExcept("0123456789ABCDEF"))
            {
                errors.Add($"CommerceBus:Security:Certificates:{client}:Thumbprint must be the certificate's SHA-256 thumbprint: 64 hex digits (colons allowed).");
            }

            foreach (var role in certificate.Roles.Where(r => !SecurityRoles.All.Contains(r, StringComparer.Ordinal)))
            {
                errors.Add($"CommerceBus:Security:Certificates:{client}:Roles names '{role}', which is not a role; use {string.Join(", ", SecurityRoles.All)}.");
            }
        }

        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _) && !System.Net.IPNetwork.TryParse(p, out _)))
        {
            errors.Add($"CommerceBus:Security:KnownProxies holds '{proxy}', which is not an IP address or a network (10.0.0.0/24).");
        }

        foreach (var (surface, limit) in options.RateLimits.Where(l => l.Value.PermitLimit < 0 || l.Value.Window <= TimeSpan.Zero))
        {
            errors.Add($"CommerceBus:Security:RateLimits:{surface} needs a PermitLimit of 0 (off) or more and a positive Window (was {limit.PermitLimit} per {limit.Window}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
