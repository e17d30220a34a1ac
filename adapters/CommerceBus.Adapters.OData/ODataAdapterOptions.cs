namespace CommerceBus.Adapters.OData;

/// <summary>Settings of the OData query API (configuration <c>CommerceBus:Adapters:OData</c>).</summary>
public sealed class ODataAdapterOptions
{
    /// <summary>Where the service lives: <c>/{RoutePrefix}/$metadata</c>, <c>/{RoutePrefix}/Orders</c>, ...</summary>
    public string RoutePrefix { get; set; } = "odata";

    /// <summary>The most entities one response holds; more come through <c>@odata.nextLink</c>.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>The largest <c>$top</c> a client may ask for.</summary>
    public int MaxTop { get; set; } = 1000;

    /// <summary>How deep <c>$expand</c> may nest.</summary>
    public int MaxExpansionDepth { get; set; } = 2;

    /// <summary>The most nodes a <c>$filter</c> (or other expression) may have: a guard against huge queries.</summary>
    public int MaxNodeCount { get; set; } = 100;

    /// <summary>The largest <c>$skip</c>: deep offsets make the database read and throw away every row before them.</summary>
    public int MaxSkip { get; set; } = 100_000;

    /// <summary>The most <c>$orderby</c> clauses.</summary>
    public int MaxOrderByClauses { get; set; } = 5;

    /// <summary>
    /// Write entity-set pages with <c>System.Text.Json</c> straight from the rows (the same JSON as OData's serializer
    /// for minimal and no metadata, <c>$select</c>, <c>$expand</c>, <c>$count</c> and paging); false sends every answer
    /// through OData's serializer. A switch for comparing the two, not a setting a deployment needs.
    /// </summary>
    public bool WriteEntitySetsDirectly { get; set; } = true;
}
