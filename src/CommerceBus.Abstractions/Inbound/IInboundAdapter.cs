namespace CommerceBus.Abstractions.Inbound;

/// <summary>
/// An inbound protocol adapter: it turns wire requests into canonical commands and hands them to the
/// <see cref="IInboundGateway"/>. The host starts every registered adapter after the hub is ready and stops it first.
/// </summary>
/// <remarks>Adapters that live on the ASP.NET Core pipeline (REST, SOAP) also implement <see cref="IHttpInboundAdapter"/>.</remarks>
public interface IInboundAdapter
{
    /// <summary>The adapter's name in the journal and in logs, e.g. <c>rest</c>, <c>soap</c>, <c>tcp</c>.</summary>
    string Name { get; }

    AdapterCapabilities Capabilities { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}
