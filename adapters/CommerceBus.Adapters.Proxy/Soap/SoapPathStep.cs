namespace CommerceBus.Adapters.Proxy.Soap;

/// <summary>One step of a <see cref="SoapPath"/>: an element's local name and which of its same-named siblings (1-based).</summary>
internal sealed record SoapPathStep(string LocalName, int Position);
