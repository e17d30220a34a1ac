using CommerceBus.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.Sagas.Redrive;

/// <summary>
/// The hub's real scheduler (Hangfire) behind a gate the test opens: until then every delayed redelivery is held, as a
/// loaded machine or a slow polling holds it, as long as the test needs. Then each is scheduled due at once.
/// </summary>
public sealed class HeldRedeliveries(IScheduledMessageJobs inner) : IScheduledMessageJobs
{
    private readonly object _gate = new();
    private readonly List<(ScheduledMessageData Message, TimeSpan Delay)> _held = [];
    private bool _open;
    private int _heldInAll;

    /// <summary>How many redeliveries were held before <see cref="Open"/>.</summary>
    public int HeldInAll
    {
        get
        {
            lock (_gate)
            {
                return _heldInAll;
            }
        }
    }

    public bool SurvivesRestart => inner.SurvivesRestart;

    /// <summary>Puts the gate in front of the hub's scheduler (call it in <c>configureHub</c>, after the hub registered it).</summary>
    public static void AddTo(IServiceCollection services)
    {
        var real = services.Last(d => d.ServiceType == typeof(IScheduledMessageJobs));
        services.Remove(real);
        services.AddSingleton(sp => new HeldRedeliveries((IScheduledMessageJobs)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)));
        services.AddSingleton<IScheduledMessageJobs>(sp => sp.GetRequiredService<HeldRedeliveries>());
    }

    public void Schedule(ScheduledMessageData message, TimeSpan delay)
    {
        lock (_gate)
        {
            if (!_open)
            {
                _held.Add((message, delay));
                _heldInAll++;
                return;
            }
        }

        inner.Schedule(message, delay);
    }

    /// <summary>Hands what was held to the scheduler, due at once (it is overdue), and everything after it as asked.</summary>
    public void Open()
    {
        List<(ScheduledMessageData Message, TimeSpan Delay)> held;
        lock (_gate)
        {
            _open = true;
            held = [.. _held];
            _held.Clear();
        }

        foreach (var (message, _) in held)
        {
            inner.Schedule(message, TimeSpan.Zero);
        }
    }

    public bool Requeue(string jobId) => inner.Requeue(jobId);

    public void Delete(string jobId) => inner.Delete(jobId);
}
