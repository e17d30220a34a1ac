using CommerceBus.Abstractions.Hosting;
using CommerceBus.Contracts;
using CommerceBus.Core.Hosting;
using CommerceBus.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Examples.Returns;

/// <summary>The returns module's one registration entry point.</summary>
public static class ReturnsBuilderExtensions
{
    /// <summary>The queue of the returns desk; an endpoint of connector kind <c>bus</c> on it takes the route's returns.</summary>
    public const string Queue = "returns";

    /// <summary>
    /// Adds <see cref="ReturnOrder"/> to the hub: a canonical name, its field rules, its acceptor, and the returns desk
    /// consuming it on <see cref="Queue"/>. The route (configuration) decides where accepted returns go.
    /// </summary>
    public static ICommerceBusBuilder AddReturns(this ICommerceBusBuilder builder)
    {
        CanonicalTypes.Register(typeof(ReturnOrder));
        builder.Services.AddSingleton<ICommandValidator, ReturnOrderValidator>();
        builder.Services.AddSingleton<ICommandAcceptor, ReturnOrderAcceptor>();
        builder.Services.AddSingleton<ReturnsDesk>();
        builder.ConfigureBus(bus => bus.AddConsumer<ReturnsDesk>().Endpoint(e => e.Name = Queue));
        return builder;
    }
}
