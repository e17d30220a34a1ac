using System.ServiceModel;
using System.ServiceModel.Channels;
using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.Soap.Inbound;
using CommerceBus.Adapters.Soap.Screening;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SoapCore;

namespace CommerceBus.Adapters.Soap;

/// <summary>
/// The legacy order service of <c>contracts/wire/legacy-soap/OrderService.wsdl</c>: PlaceOrder, CancelOrder and
/// GetOrderStatus over SOAP 1.1 and 1.2, on SoapCore behind a screen that turns every bad request into a fault.
/// </summary>
public sealed class SoapAdapter(IOptions<SoapAdapterOptions> options) : IHttpInboundAdapter
{
    public const string AdapterName = "soap";

    public string Name => AdapterName;

    public AdapterCapabilities Capabilities { get; } = new()
    {
        Direction = AdapterDirection.Inbound,
        RequestReply = true,
        SupportsCancel = true,
        SupportsStatusQuery = true,
        MaxMessageBytes = options.Value.MaxBodyBytes,
    };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>SoapCore is middleware, not an endpoint: the screen and SoapCore run on a branch for the service path.</summary>
    public void UseMiddleware(IApplicationBuilder app)
    {
        var path = new PathString(options.Value.Path);
        app.UseWhen(http => http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase), soap =>
        {
            soap.UseMiddleware<SoapRequestScreen>();
            soap.UseSoapEndpoint<OrderService>(soapCore =>
            {
                soapCore.Path = options.Value.Path;
                soapCore.CaseInsensitivePath = true;
                soapCore.SoapSerializer = SoapSerializer.XmlSerializer;
                soapCore.EncoderOptions =
                [
                    new SoapEncoderOptions { MessageVersion = MessageVersion.Soap11 },
                    new SoapEncoderOptions { MessageVersion = MessageVersion.CreateVersion(EnvelopeVersion.Soap12, AddressingVersion.None) },
                ];
            });
        });
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
