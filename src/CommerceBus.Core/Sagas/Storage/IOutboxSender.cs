namespace CommerceBus.Core.Sagas.Storage;

/// <summary>Hands one outbox message to the broker; done when the broker has confirmed it.</summary>
public interface IOutboxSender
{
    Task SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken);
}
