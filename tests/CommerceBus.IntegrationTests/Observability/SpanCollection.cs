using System.Collections;
using System.Diagnostics;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>The spans an in-memory exporter hands over, safe to read while the hub is still exporting.</summary>
public sealed class SpanCollection : ICollection<Activity>
{
    private readonly Lock _lock = new();
    private readonly List<Activity> _spans = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>The spans of one trace, as exported so far.</summary>
    public IReadOnlyList<Activity> OfTrace(ActivityTraceId traceId)
    {
        lock (_lock)
        {
            return [.. _spans.Where(s => s.TraceId == traceId)];
        }
    }

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_lock)
        {
            return [.. _spans];
        }
    }

    public void Add(Activity item)
    {
        lock (_lock)
        {
            _spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_lock)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_lock)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_lock)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
