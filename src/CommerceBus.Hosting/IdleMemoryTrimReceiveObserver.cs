using MassTransit;

namespace CommerceBus.Hosting;

/// <summary>Each bus message received and handled is work for <see cref="IdleMemoryTrim"/> (its start and its end).</summary>
internal sealed class IdleMemoryTrimReceiveObserver(IdleMemoryTrim trim) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context)
    {
        trim.Touch();
        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context)
    {
        trim.Touch();
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        trim.Touch();
        return Task.CompletedTask;
    }
}
