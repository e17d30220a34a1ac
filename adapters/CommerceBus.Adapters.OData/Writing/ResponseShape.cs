using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.Net.Http.Headers;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace CommerceBus.Adapters.OData.Writing;

/// <summary>
/// What a request asks of an entity-set answer — metadata level, <c>$select</c>, <c>$expand</c> — when
/// <see cref="EntitySetResult{T}"/> can write it exactly as OData's serializer does; null (<see cref="Of"/>) sends the
/// request to that serializer.
/// </summary>
internal sealed class ResponseShape<T>
{
    private ResponseShape(EntityWriter<T> entity, IReadOnlyList<PropertyWriter<T>> properties, Expansion<T>? expansion, bool metadata, string? contextUrl)
    {
        Entity = entity;
        Properties = properties;
        Expansion = expansion;
        WritesContext = metadata;
        ContextUrl = contextUrl;
    }

    public EntityWriter<T> Entity { get; }

    /// <summary>The properties written, in OData's order.</summary>
    public IReadOnlyList<PropertyWriter<T>> Properties { get; }

    public Expansion<T>? Expansion { get; }

    /// <summary>Minimal metadata (the default) writes <c>@odata.context</c>; <c>odata.metadata=none</c> does not.</summary>
    public bool WritesContext { get; }

    public string? ContextUrl { get; }

    public string ContentType => WritesContext
        ? "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8"
        : "application/json; odata.metadata=none; odata.streaming=true; charset=utf-8";

    /// <summary>The shape of <paramref name="request"/>'s answer, or null when anything in it is left to OData's serializer.</summary>
    public static ResponseShape<T>? Of(HttpRequest request, ODataQueryOptions<T> query, string routePrefix)
    {
        if (MetadataLevel(request) is not { } minimal
            || query.Context.NavigationSource is not IEdmEntitySet entitySet
            || EntityWriter<T>.For(query.Context.Model) is not { } entity)
        {
            return null;
        }

        var properties = entity.Properties;
        Expansion<T>? expansion = null;
        var context = entitySet.Name;
        if (query.SelectExpand?.SelectExpandClause is { } clause)
        {
            var selected = new List<PropertyWriter<T>>();
            var parts = new List<string>();
            foreach (var item in clause.SelectedItems)
            {
                switch (item)
                {
                    case PathSelectItem { SelectedPath: [PropertySegment segment] } path when Plain(path)
                        && entity.ByName.TryGetValue(segment.Property.Name, out var property) && !selected.Contains(property):
                        selected.Add(property);
                        parts.Add(property.Name);
                        break;
                    case ExpandedNavigationSelectItem { PathToNavigationProperty: [NavigationPropertySegment navigation] } expand
                        when expansion is null && Plain(expand) && Expansion<T>.For(query.Context.Model, navigation.NavigationProperty) is { } found:
                        expansion = found;
                        parts.Add(found.Name + "()");
                        break;
                    default:
                        return null;
                }
            }

            if (!clause.AllSelected)
            {
                if (selected.Count == 0)
                {
                    return null;
                }

                // OData writes the selected properties in the type's order; the context URL names them in $select's.
                properties = entity.Properties.Where(selected.Contains).ToList();
            }
            else if (selected.Count > 0)
            {
                return null;
            }

            context += "(" + string.Join(",", parts) + ")";
        }

        string? contextUrl = null;
        if (minimal)
        {
            var prefix = "/" + routePrefix.Trim('/') + "/$metadata";
            contextUrl = Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, prefix) + "#" + context;
        }

        return new ResponseShape<T>(entity, properties, expansion, minimal, contextUrl);
    }

    /// <summary>
    /// True for the default or minimal metadata, false for none, null for anything else (full metadata, <c>$format</c>,
    /// several media types, preferences, another OData version): those go to OData's serializer.
    /// </summary>
    private static bool? MetadataLevel(HttpRequest request)
    {
        var headers = request.Headers;
        if (request.Query.ContainsKey("$format") || headers.ContainsKey(HeaderNames.AcceptCharset) || headers.ContainsKey("Prefer")
            || !Version(headers["OData-Version"]) || !Version(headers["OData-MaxVersion"]))
        {
            return null;
        }

        var accept = headers.Accept;
        if (accept.Count == 0)
        {
            return true;
        }

        if (accept.Count != 1 || !MediaTypeHeaderValue.TryParseList(accept, out var types) || types.Count != 1)
        {
            return null;
        }

        var type = types[0];
        if (!(type.MediaType.Equals("*/*", StringComparison.Ordinal) || type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        bool? level = true;
        foreach (var parameter in type.Parameters)
        {
            if (parameter.Name.Equals("odata.metadata", StringComparison.OrdinalIgnoreCase) && parameter.Value.Equals("minimal", StringComparison.OrdinalIgnoreCase))
            {
                level = true;
            }
            else if (parameter.Name.Equals("odata.metadata", StringComparison.OrdinalIgnoreCase) && parameter.Value.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                level = false;
            }
            else
            {
                return null;
            }
        }

        return level;
    }

    private static bool Version(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || value is ["4.0"];

    private static bool Plain(SelectItem item) => item switch
    {
        PathSelectItem p => Empty(p.SelectAndExpand) && p.FilterOption is null && p.OrderByOption is null && p.TopOption is null
            && p.SkipOption is null && p.CountOption is null && p.SearchOption is null && p.ComputeOption is null,
        ExpandedNavigationSelectItem e => e.SelectAndExpand is not null && Empty(e.SelectAndExpand) && e.FilterOption is null && e.OrderByOption is null && e.TopOption is null && e.SkipOption is null && e.CountOption is null
            && e.SearchOption is null && e.ComputeOption is null && e.LevelsOption is null && e.ApplyOption is null,
        _ => false,
    };

    /// <summary>No nested <c>$select</c> or <c>$expand</c>: everything of the item, nothing expanded below it.</summary>
    private static bool Empty(SelectExpandClause? clause) => clause is null || (clause.AllSelected && !clause.SelectedItems.Any());
}
