using Microsoft.Extensions.Options;

namespace CommerceBus.Core.Bus;

/// <summary>
/// Bounds a send to the hub's bus by <see cref="RabbitMqBusOptions.SendTimeout"/>. With the bus on RabbitMQ, a send that
/// was waiting for its publisher confirm when the broker closed the channel can wait for ever: MassTransit 8.5 on
/// RabbitMQ.Client 7.2 does not always fail the pending confirm, and does not observe the send's cancellation token
/// there. A send that is not confirmed in time fails with <see cref="BusSendTimeoutException"/>, so the caller's own
/// recovery (a retry, the stalled-order re-drive, a Hangfire job retry) takes over; the abandoned send may still reach
/// the broker later, which the receivers' idempotency makes harmless.
/// </summary>
public sealed class BusSendLimit(IOptions<RabbitMqBusOptions> options)
{
    public TimeSpan Timeout => options.Value.SendTimeout;

    /// <summary>Waits for <paramref name="send"/> at most <see cref="Timeout"/>.</summary>
    public async Task WithinAsync(Task send, Uri destination, CancellationToken cancellationToken)
    {
        try
        {
            await send.WaitAsync(Timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            // The abandoned send must not fault unobserved later.
            _ = send.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new BusSendTimeoutException(
                $"The broker did not confirm the send to {destination} within {Timeout.TotalSeconds:0.#} s (CommerceBus:RabbitMq:SendTimeout); "
                + "the connection is probably being re-established. The message is sent again by the caller's recovery.", ex);
        }
    }
}

/// <summary>A send to the bus that the broker did not confirm within <see cref="RabbitMqBusOptions.SendTimeout"/>.</summary>
public sealed class BusSendTimeoutException(string message, Exception inner) : TimeoutException(message, inner);
