using CommerceBus.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>Registers the AMQP inbound adapter and its outcome events on <c>commerce.events</c>.</summary>
public static class RabbitMqAdapterBuilderExtensions
{
    public static ICommerceBusBuilder AddRabbitMqAdapter(this ICommerceBusBuilder builder, Action<RabbitMqAdapterOptions>? configure = null)
    {
        var section = builder.Configuration;
        var options = builder.Services.AddOptions<RabbitMqAdapterOptions>().Bind(section.GetSection("Adapters:RabbitMq"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure(o => o.ConnectionString = string.IsNullOrWhiteSpace(o.ConnectionString) ? section["RabbitMq:ConnectionString"] : o.ConnectionString)
            .Validate(o => Uri.TryCreate(o.ConnectionString, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps",
                "CommerceBus:Adapters:RabbitMq:ConnectionString (or CommerceBus:RabbitMq:ConnectionString) must be an amqp:// or amqps:// URI")
            .Validate(o => o.PrefetchCount > 0, "CommerceBus:Adapters:RabbitMq:PrefetchCount must be positive")
            .Validate(o => o.ConsumerConcurrency is > 0 and <= ushort.MaxValue, "CommerceBus:Adapters:RabbitMq:ConsumerConcurrency must be positive")
            .Validate(o => o.UnavailableRetries is >= 0 and <= 100, "CommerceBus:Adapters:RabbitMq:UnavailableRetries must be from 0 to 100")
            .Validate(o => o.UnavailableBackoff > TimeSpan.Zero && o.UnavailableBackoffMax >= o.UnavailableBackoff,
                "CommerceBus:Adapters:RabbitMq:UnavailableBackoff must be positive and UnavailableBackoffMax at least as long")
            .Validate(o => o.PublishTimeout > TimeSpan.Zero, "CommerceBus:Adapters:RabbitMq:PublishTimeout must be positive")
            .Validate(o => IsPattern(o.ReplyToPattern), "CommerceBus:Adapters:RabbitMq:ReplyToPattern must be a regular expression")
            .Validate(o => o.MaxMessageBytes > 0, "CommerceBus:Adapters:RabbitMq:MaxMessageBytes must be positive")
            .Validate(o => new[] { o.Exchange, o.Queue, o.RejectedQueue, o.EventsExchange }.All(n => !string.IsNullOrWhiteSpace(n)),
                "CommerceBus:Adapters:RabbitMq: Exchange, Queue, RejectedQueue and EventsExchange must be named")
            .ValidateOnStart();

        builder.Services.AddSingleton<AmqpConnectionState>();
        builder.Services.AddSingleton<AmqpConnection>();
        builder.Services.AddSingleton<AmqpDeliveryHandler>();
        builder.AddEventObserver<AmqpEventPublisher>();
        return builder.AddInboundAdapter<RabbitMqAdapter>();
    }

    private static bool IsPattern(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
