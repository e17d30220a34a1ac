using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Abstractions.Hosting;

/// <summary>What <c>AddCommerceBus()</c> returns: the place adapters and connectors register themselves (<c>AddXxxAdapter</c>).</summary>
public interface ICommerceBusBuilder
{
    IServiceCollection Services { get; }

    /// <summary>The <c>CommerceBus</c> configuration section.</summary>
    IConfiguration Configuration { get; }
}
