namespace CommerceBus.IntegrationTests.Proxy;

/// <summary>A request as an <see cref="EchoBackend"/> received it.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? ContentType, byte[] Body, string Sha256);
