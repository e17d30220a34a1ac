namespace CommerceBus.IntegrationTests.Recoverability;

/// <summary>A Hangfire job that fails while its switch says so: a scheduler job that fails every retry, then works.</summary>
public sealed class FlakyJob(FlakyJob.Switch state)
{
    public Task RunAsync(string name)
    {
        Interlocked.Increment(ref state.Runs);
        return state.Broken ? throw new InvalidOperationException($"job {name} broke (test)") : Task.CompletedTask;
    }

    public sealed class Switch
    {
        public volatile bool Broken = true;
        public int Runs;
    }
}
