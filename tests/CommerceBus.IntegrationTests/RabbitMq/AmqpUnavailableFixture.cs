using CommerceBus.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// An AMQP hub whose gateway is an <see cref="IntakeGate"/>, with short retries of "unavailable" (3 retries, 200 ms
/// doubling to 500 ms), one message handled at a time, a 2 s publish timeout, and an intake route for EU orders only
/// (so a US order is one no route takes).
/// </summary>
public sealed class AmqpUnavailableFixture : AmqpHubFixture
{
    public const int Retries = 3;
    public static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500)];
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(2);

    public IntakeGate Gate => Hub.Services.GetRequiredService<IntakeGate>();

    protected override string Prefix => "unavailable";

    protected override void ConfigureHub(ICommerceBusBuilder hub) => IntakeGate.Install(hub.Services);

    protected override Dictionary<string, string?> Settings(string brokerUri)
    {
        var settings = base.Settings(brokerUri);
        settings["CommerceBus:Adapters:RabbitMq:UnavailableRetries"] = Retries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["CommerceBus:Adapters:RabbitMq:UnavailableBackoff"] = "00:00:00.2";
        settings["CommerceBus:Adapters:RabbitMq:UnavailableBackoffMax"] = "00:00:00.5";
        settings["CommerceBus:Adapters:RabbitMq:ConsumerConcurrency"] = "1";
        settings["CommerceBus:Adapters:RabbitMq:PublishTimeout"] = "00:00:02";
        settings["CommerceBus:Routing:Routes:0:When:0:Field"] = "region";
        settings["CommerceBus:Routing:Routes:0:When:0:Op"] = "Equals";
        settings["CommerceBus:Routing:Routes:0:When:0:Value"] = "EU";
        return settings;
    }
}
