using MassTransit;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>A saga instance that carries the version number optimistic concurrency checks on update.</summary>
public interface IVersionedSaga : SagaStateMachineInstance
{
    int Version { get; set; }
}
