using CommerceBus.Abstractions;

namespace CommerceBus.Conformance;

/// <summary>
/// What an adapter's test project provides to run the conformance suite: a running hub with the adapter (as a class
/// fixture, so one hub serves the suite) and clients that speak the adapter's wire protocol.
/// </summary>
public interface IAdapterConformanceFactory
{
    /// <summary>What the adapter declares; the suite skips what it cannot do.</summary>
    AdapterCapabilities Capabilities { get; }

    Task<IAdapterClient> ConnectAsync(CancellationToken cancellationToken);
}
