namespace CommerceBus.Fulfillment.Saga;

/// <summary>
/// The in-process side of the step deadlines: the saga tells it each deadline it has committed, and it wakes the
/// <see cref="StepDeadlineSweeper"/> when that deadline is earlier than the one the sweeper is waiting for. Deadlines
/// later than that are not kept: the sweeper reads the earliest one from the database each time it wakes.
/// </summary>
public sealed class StepDeadlineAlarm
{
    private readonly Lock _gate = new();
    private DateTime? _told;
    private DateTime? _armedFor;
    private TaskCompletionSource _rung = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A saga committed a step deadline due at <paramref name="dueAt"/> (UTC).</summary>
    public void Expect(DateTime dueAt)
    {
        lock (_gate)
        {
            if (_armedFor is { } armed && dueAt >= armed)
            {
                return;
            }

            if (_told is null || dueAt < _told)
            {
                _told = dueAt;
            }

            _rung.TrySetResult();
        }
    }

    /// <summary>
    /// The sweeper is about to read the database: every deadline told from now on is kept for its next wait, since the
    /// read may have missed a row committed meanwhile.
    /// </summary>
    internal void Disarm()
    {
        lock (_gate)
        {
            _armedFor = null;
        }
    }

    /// <summary>
    /// The sweeper is about to wait until <paramref name="wakeAt"/> (null: until told). Returns the earliest deadline
    /// told since the last call (the sweeper waits for it if it is earlier) and a task that completes when an earlier
    /// deadline than the wait's is told.
    /// </summary>
    internal (DateTime? Told, Task Rung) Arm(DateTime? wakeAt)
    {
        lock (_gate)
        {
            var told = _told;
            _told = null;
            _armedFor = told is { } t && (wakeAt is null || t < wakeAt) ? t : wakeAt;
            _rung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return (told, _rung.Task);
        }
    }
}
