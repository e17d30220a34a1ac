using CommerceBus.Adapters.OData.Writing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace CommerceBus.Adapters.OData.Querying;

/// <summary>
/// Validates a request's query options against the configured limits and applies them to a queryable with
/// server-driven paging; a bad or too expensive query gets an OData error naming the problem.
/// </summary>
/// <remarks>
/// Done by hand rather than with <c>[EnableQuery]</c>: its error bodies carry the exception as an inner error (a stack
/// trace), and its page size is a compile-time constant rather than a setting.
/// </remarks>
internal static class QueryRunner
{
    private const AllowedQueryOptions Allowed = AllowedQueryOptions.Filter | AllowedQueryOptions.Select | AllowedQueryOptions.OrderBy
        | AllowedQueryOptions.Top | AllowedQueryOptions.Skip | AllowedQueryOptions.Count | AllowedQueryOptions.Expand
        | AllowedQueryOptions.SkipToken | AllowedQueryOptions.Format;

    // Functions that translate to plain SQL comparisons; IndexOf, Substring, Concat, casts and math are left out: they
    // defeat every index and buy a caller nothing the others do not.
    private const AllowedFunctions Functions = AllowedFunctions.Contains | AllowedFunctions.StartsWith | AllowedFunctions.EndsWith
        | AllowedFunctions.ToLower | AllowedFunctions.ToUpper | AllowedFunctions.Length | AllowedFunctions.AllDateTimeFunctions
        | AllowedFunctions.Any | AllowedFunctions.All;

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "$filter", "$select", "$orderby", "$top", "$skip", "$count", "$expand", "$skiptoken", "$format",
    };

    public static IActionResult Run<T>(ODataController controller, ODataQueryOptions<T> query, IQueryable<T> source, ODataAdapterOptions limits, IReadOnlySet<string> sortable)
    {
        // OData asks a service to fail a system query option it does not understand rather than silently ignore it.
        var unknown = controller.Request.Query.Keys.FirstOrDefault(k => k.StartsWith('$') && !Known.Contains(k));
        if (unknown is not null)
        {
            return controller.BadRequest(ODataErrors.Of(ODataErrors.InvalidQuery,
                $"The query option '{unknown}' is not supported; use {string.Join(", ", Known.Where(k => k != "$skiptoken"))}."));
        }

        try
        {
            if (Unsortable(query, sortable) is { } property)
            {
                return controller.BadRequest(ODataErrors.Of(ODataErrors.InvalidQuery,
                    $"$orderby on {property} is not allowed: sort by {string.Join(", ", sortable.Order(StringComparer.Ordinal))}. "
                    + "Personal data and free text are not sortable, and neither are expressions."));
            }

            query.Validate(new ODataValidationSettings
            {
                AllowedQueryOptions = Allowed,
                MaxTop = limits.MaxTop,
                MaxSkip = limits.MaxSkip,
                AllowedFunctions = Functions,
                MaxExpansionDepth = limits.MaxExpansionDepth,
                MaxNodeCount = limits.MaxNodeCount,
                MaxOrderByNodeCount = limits.MaxOrderByClauses,
            });

            // Paging makes ApplyTo read the page (one more row tells whether there is a next one), so the query runs
            // here, where its errors are still ours to answer.
            var settings = new ODataQuerySettings
            {
                PageSize = limits.MaxPageSize,
                HandleNullPropagation = HandleNullPropagationOption.False,
                EnsureStableOrdering = true,
            };

            // The common answers are written straight from the rows (Writing/EntitySetResult); $select and $expand are
            // then left to the writer, so the rows are the whole projection. The rest goes to OData's serializer.
            if (limits.WriteEntitySetsDirectly && ResponseShape<T>.Of(controller.Request, query, limits.RoutePrefix) is { } shape)
            {
                var rows = query.ApplyTo(source, settings, AllowedQueryOptions.Select | AllowedQueryOptions.Expand);
                return new EntitySetResult<T>(shape, query, rows, limits.MaxPageSize, () => controller.Ok(query.ApplyTo(source, settings)));
            }

            return controller.Ok(query.ApplyTo(source, settings));
        }
        catch (ODataException exception)
        {
            return controller.BadRequest(ODataErrors.Of(ODataErrors.InvalidQuery, exception.Message));
        }
    }

    /// <summary>The first <c>$orderby</c> expression that is not one of the <paramref name="sortable"/> properties, or null.</summary>
    private static string? Unsortable<T>(ODataQueryOptions<T> query, IReadOnlySet<string> sortable) =>
        query.OrderBy?.OrderByNodes
            .Select(node => node is OrderByPropertyNode { Property.Name: var name } && sortable.Contains(name) ? null : Describe(node))
            .FirstOrDefault(refused => refused is not null);

    private static string Describe(OrderByNode node) => node switch
    {
        OrderByPropertyNode property => $"'{property.Property.Name}'",
        OrderByOpenPropertyNode open => $"'{open.PropertyName}'",
        _ => node.Direction == OrderByDirection.Descending ? "an expression (desc)" : "an expression",
    };
}
