using CommerceBus.Abstractions.Hosting;
using CommerceBus.Adapters.OData.Querying;
using CommerceBus.Adapters.OData.Writing;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.OData;

/// <summary>Registers the OData query API.</summary>
public static class ODataAdapterBuilderExtensions
{
    public static ICommerceBusBuilder AddODataAdapter(this ICommerceBusBuilder builder, Action<ODataAdapterOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<ODataAdapterOptions>().Bind(builder.Configuration.GetSection("Adapters:OData"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        const string Section = "CommerceBus:Adapters:OData:";
        options.Validate(o => o.MaxPageSize > 0, Section + "MaxPageSize must be positive")
            .Validate(o => o.MaxTop > 0, Section + "MaxTop must be positive")
            .Validate(o => o.MaxExpansionDepth > 0, Section + "MaxExpansionDepth must be positive")
            .Validate(o => o.MaxNodeCount > 0, Section + "MaxNodeCount must be positive")
            .Validate(o => o.MaxSkip >= 0, Section + "MaxSkip must not be negative")
            .Validate(o => o.MaxOrderByClauses > 0, Section + "MaxOrderByClauses must be positive")
            .Validate(o => !string.IsNullOrWhiteSpace(o.RoutePrefix.Trim('/')), Section + "RoutePrefix must not be empty")
            .ValidateOnStart();

        builder.Services.AddSingleton<EntitySetWrites>();

        // MVC's own default would make the entry assembly and every assembly it lists as an application part (all the
        // hub's projects that reach ASP.NET Core: the PostgreSQL migrations, the RabbitMQ transport, ...) load at start-up,
        // then load every type they define looking for controllers, RabbitMQ.Client's and XmlSerializer's with them: a
        // few thousand types kept in the loader heaps for the life of the process (issue 21 item 3, idle memory). A part
        // manager registered first is used as it is, so MVC looks only at the parts named below.
        builder.Services.TryAddSingleton(new ApplicationPartManager());
        builder.Services.AddControllers()
            // The only controllers the hub has: the query API's and OData's $metadata.
            .AddApplicationPart(typeof(ODataAdapter).Assembly)
            .AddApplicationPart(typeof(MetadataController).Assembly)
            .AddOData((odata, services) =>
            {
                var settings = services.GetRequiredService<IOptions<ODataAdapterOptions>>().Value;

                // The hub stores UTC; literals in $filter are read as UTC and timestamps are written with Z.
                odata.TimeZone = TimeZoneInfo.Utc;
                odata.EnableQueryFeatures(settings.MaxTop);
                odata.AddRouteComponents(settings.RoutePrefix.Trim('/'), HubEdmModel.Build());
            });
        return builder.AddInboundAdapter<ODataAdapter>();
    }
}
