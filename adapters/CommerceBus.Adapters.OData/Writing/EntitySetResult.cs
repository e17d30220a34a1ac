using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Container;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace CommerceBus.Adapters.OData.Writing;

/// <summary>
/// A page of an entity set written with <see cref="Utf8JsonWriter"/> straight from the projected rows, byte for byte
/// the JSON OData's serializer writes for it (<c>@odata.context</c>, <c>@odata.count</c>, the rows, <c>@odata.nextLink</c>),
/// without building an <c>ODataResource</c> per row. Whatever it cannot write exactly goes to <paramref name="fallback"/>,
/// OData's own result, before a byte is written.
/// </summary>
/// <param name="shape">What the request asks of the answer.</param>
/// <param name="query">The request's query options (for the next page's skip token).</param>
/// <param name="page">The query with every option but <c>$select</c> and <c>$expand</c> applied, server-driven paging included.</param>
/// <param name="pageSize">The server's page size (<c>MaxPageSize</c>).</param>
/// <param name="fallback">The answer through OData's serializer, for a page this writer does not cover.</param>
internal sealed class EntitySetResult<T>(ResponseShape<T> shape, ODataQueryOptions<T> query, IQueryable page, int pageSize, Func<IActionResult> fallback) : IActionResult
{
    // AspNetCore.OData 9.5 reads the page (and one row more) in ApplyTo into a TruncatedCollection and hands it back
    // wrapped in an EnumerableQuery; whether a next page exists is known only to that collection.
    private static readonly FieldInfo? Wrapped = typeof(EnumerableQuery<T>).GetField("_enumerable", BindingFlags.NonPublic | BindingFlags.Instance);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Escaping.Encoder, SkipValidation = true };

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var counts = http.RequestServices.GetRequiredService<EntitySetWrites>();
        if (Truncation(page) is not { } truncation)
        {
            counts.LeftToSerializer();
            await fallback().ExecuteResultAsync(context);
            return;
        }

        var rows = new List<T>(pageSize);
        if (truncation is IAsyncEnumerable<T> rowsAsync)
        {
            await foreach (var row in rowsAsync.WithCancellation(http.RequestAborted))
            {
                rows.Add(row);
            }
        }
        else
        {
            rows.AddRange((IEnumerable<T>)truncation);
        }

        // OData pages an expanded collection too; a row with more than a page of lines is left to it.
        string? nextLink = null;
        if ((shape.Expansion is { } expansion && rows.Exists(r => expansion.Count(r) > pageSize))
            || (truncation.IsTruncated && (nextLink = NextLink(http.Request, rows[^1])) is null))
        {
            counts.LeftToSerializer();
            await fallback().ExecuteResultAsync(context);
            return;
        }

        counts.Written();
        var count = http.Request.ODataFeature().TotalCount;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = shape.ContentType;
        response.Headers["OData-Version"] = "4.0";
        await using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        writer.WriteStartObject();
        if (shape.WritesContext)
        {
            writer.WriteString("@odata.context"u8, shape.ContextUrl);
        }

        if (count is { } total)
        {
            writer.WriteNumber("@odata.count"u8, total);
        }

        writer.WriteStartArray("value"u8);
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            foreach (var property in shape.Properties)
            {
                property.Write(writer, row);
            }

            shape.Expansion?.Write(writer, row);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (nextLink is not null)
        {
            writer.WriteString("@odata.nextLink"u8, nextLink);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(http.RequestAborted);
    }

    /// <summary>The paged rows and whether there are more, or null when OData's paging is not one this writer knows (then OData's serializer answers).</summary>
    private static ITruncatedCollection? Truncation(IQueryable page) => page switch
    {
        ITruncatedCollection truncated and IEnumerable<T> => truncated,
        EnumerableQuery<T> query => Wrapped?.GetValue(query) is ITruncatedCollection truncated and IEnumerable<T> ? truncated : null,
        _ => null,
    };

    /// <summary>
    /// The next page's link as OData's default skip-token handler makes it: the request's URL with
    /// <c>$skiptoken=Name-literal,...</c> over the stable order (the <c>$orderby</c> plus the key); null when an
    /// ordering is not a plain property of the row.
    /// </summary>
    private string? NextLink(HttpRequest request, T last)
    {
        var model = query.Context.Model;
        var token = new StringBuilder();
        for (var clause = query.GenerateStableOrder()?.OrderByClause; clause is not null; clause = clause.ThenBy)
        {
            if (clause.Expression is not SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode, Property: var property }
                || !shape.Entity.ByName.TryGetValue(property.Name, out var writer))
            {
                return null;
            }

            var literal = writer.Get(last) switch
            {
                null => ODataUriUtils.ConvertToUriLiteral(null, ODataVersion.V401),
                Enum value => ODataUriUtils.ConvertToUriLiteral(new ODataEnumValue(value.ToString(), clause.Expression.TypeReference.AsEnum().EnumDefinition().FullName()), ODataVersion.V401, model),
                DateTime time => ODataUriUtils.ConvertToUriLiteral(new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)), ODataVersion.V401, model),
                var value => ODataUriUtils.ConvertToUriLiteral(value, ODataVersion.V401, model),
            };
            if (token.Length > 0)
            {
                token.Append(',');
            }

            token.Append(property.Name).Append('-').Append(WebUtility.UrlEncode(literal));
        }

        var skipToken = token.ToString();
        return request.GetNextPageLink(pageSize, last, _ => skipToken)?.AbsoluteUri;
    }
}
