using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace CommerceBus.Host;

/// <summary>What the OpenAPI document at <c>/openapi/v1.json</c> describes: the JSON API under <c>/api/</c>.</summary>
/// <remarks>OData describes itself at <c>/odata/$metadata</c>; listing its controllers in OpenAPI too would only blur that.</remarks>
internal static class ApiDocument
{
    public static bool Includes(ApiDescription description) =>
        description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
}
