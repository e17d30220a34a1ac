using CommerceBus.Abstractions.Inbound;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>A stand-in for the hub behind an adapter: each call does what the test scripted, and signals that it came.</summary>
public sealed class ScriptedHub : IInboundGateway
{
    public Func<InboundMessage, CancellationToken, Task<InboundResult>> Submit { get; set; } =
        (_, _) => Task.FromResult(new InboundResult { Outcome = InboundOutcome.Unavailable, Detail = "scripted" });

    public TaskCompletionSource<InboundMessage> Submitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<InboundResult> SubmitAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        Submitted.TrySetResult(message);
        return Submit(message, cancellationToken);
    }

    public Task<StatusView?> GetStatusAsync(string family, string key, CancellationToken cancellationToken) =>
        Task.FromResult<StatusView?>(null);
}
