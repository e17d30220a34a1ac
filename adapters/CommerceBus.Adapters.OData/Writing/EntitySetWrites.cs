namespace CommerceBus.Adapters.OData.Writing;

/// <summary>
/// How many entity-set pages this hub wrote directly and how many it left to OData's serializer after planning to
/// write them (a page with more expanded lines than a page, or a paging it cannot link): what tells the conformance
/// tests and the bench which path answered.
/// </summary>
internal sealed class EntitySetWrites
{
    private long _written;
    private long _left;

    public long WrittenDirectly => Interlocked.Read(ref _written);

    public long LeftAfterPlanning => Interlocked.Read(ref _left);

    public void Written() => Interlocked.Increment(ref _written);

    public void LeftToSerializer() => Interlocked.Increment(ref _left);
}
