using System.ServiceModel;
using System.ServiceModel.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SoapCore;
using SoapCore.Extensibility;

namespace CommerceBus.DemoEndpoints.LegacyErp;

/// <summary>
/// Runs the two Legacy ERP instances, ERP-EU and ERP-US, each a SOAP service on its own small Kestrel server beside the
/// hub, so the hub reaches them over real HTTP exactly as it would reach the real ERP.
/// </summary>
internal sealed partial class LegacyErpServers(
    DemoEndpointState state,
    IOptions<LegacyErpOptions> options,
    ILoggerFactory loggers,
    ILogger<LegacyErpServers> logger) : IHostedService
{
    private readonly List<WebApplication> _running = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        foreach (var (book, url) in new[] { (state.ErpEu, options.Value.EuUrl), (state.ErpUs, options.Value.UsUrl) })
        {
            var app = Build(book, url, options.Value.Path);
            await app.StartAsync(cancellationToken);
            _running.Add(app);
            LogStarted(logger, book.Instance, url.TrimEnd('/') + options.Value.Path);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var app in _running)
        {
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }

        _running.Clear();
    }

    private WebApplication Build(ErpBook book, string url, string path)
    {
        // An empty builder: the ERP must not pick up the hub's configuration (its Urls, say), only what is set here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "CommerceBus.LegacyErp." + book.Instance });
        builder.WebHost.UseKestrelCore().UseUrls(url);
        builder.Services.AddSingleton<IHostLifetime, HubOwnedLifetime>();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSoapCore();
        builder.Services.AddSingleton(book);
        builder.Services.AddSingleton<BookingService>();
        builder.Services.AddSingleton<IFaultExceptionTransformer, ErpFaultTransformer>();

        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            if (HttpMethods.IsGet(http.Request.Method) && http.Request.Query.ContainsKey("wsdl"))
            {
                http.Response.ContentType = "text/xml; charset=utf-8";
                await http.Response.Body.WriteAsync(ErpWsdl.Render($"{http.Request.Scheme}://{http.Request.Host}{path}"), http.RequestAborted);
                return;
            }

            await next(http);
        });
        ((IApplicationBuilder)app).UseSoapEndpoint<BookingService>(soap =>
        {
            soap.Path = path;
            soap.SoapSerializer = SoapSerializer.XmlSerializer;
            soap.EncoderOptions =
            [
                new SoapEncoderOptions { MessageVersion = MessageVersion.Soap11 },
                new SoapEncoderOptions { MessageVersion = MessageVersion.CreateVersion(EnvelopeVersion.Soap12, AddressingVersion.None) },
            ];
        });
        return app;
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Demo Legacy ERP {Erp} listens at {Address}")]
    private static partial void LogStarted(ILogger logger, string erp, string address);
}
