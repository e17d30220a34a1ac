using CommerceBus.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Adapters.Rest;

/// <summary>Registers the REST order intake.</summary>
public static class RestAdapterBuilderExtensions
{
    public static ICommerceBusBuilder AddRestAdapter(this ICommerceBusBuilder builder, Action<RestAdapterOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<RestAdapterOptions>().Bind(builder.Configuration.GetSection("Adapters:Rest"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.MaxBodyBytes > 0, "CommerceBus:Adapters:Rest:MaxBodyBytes must be positive")
            .Validate(o => o.BasePath.StartsWith('/'), "CommerceBus:Adapters:Rest:BasePath must start with '/'")
            .ValidateOnStart();
        builder.Services.AddProblemDetails();
        return builder.AddInboundAdapter<RestAdapter>();
    }
}
