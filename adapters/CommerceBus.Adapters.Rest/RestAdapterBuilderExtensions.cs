using CommerceBus.Abstractions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        builder.Services.AddOptions<ProblemDetailsOptions>().Configure<IOptions<RestAdapterOptions>>((problems, rest) =>
        {
            // A body of another media type is refused by routing (the endpoints declare they accept JSON) before the
            // handler that would say what to send instead runs; the bad-input suite found those 415s had no reason.
            var earlier = problems.CustomizeProblemDetails;
            problems.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                var request = context.HttpContext.Request;
                if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null
                    && request.Path.StartsWithSegments(rest.Value.BasePath))
                {
                    context.ProblemDetails.Detail = OrderEndpoints.NotJson(request.ContentType);
                }
            };
        });
        return builder.AddInboundAdapter<RestAdapter>();
    }
}
