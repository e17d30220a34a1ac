namespace CommerceBus.Security.WsSecurity;

/// <summary>A <c>wsse:UsernameToken</c> as the client sent it: the user name is the client id.</summary>
/// <param name="Username">The client id (<c>ApiKeys:{client}</c>).</param>
/// <param name="Password">The key itself (PasswordText) or Base64(SHA-1(nonce + created + key)) (PasswordDigest).</param>
/// <param name="Digest">Whether <see cref="Password"/> is a digest.</param>
/// <param name="Nonce">The nonce's bytes (PasswordDigest); null when absent or not Base64.</param>
/// <param name="Created">The <c>wsu:Created</c> text exactly as sent (the digest covers the text, not the instant).</param>
public sealed record UsernameToken(string Username, string Password, bool Digest, byte[]? Nonce, string? Created);
