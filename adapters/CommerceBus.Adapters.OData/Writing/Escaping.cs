using System.Text.Encodings.Web;

namespace CommerceBus.Adapters.OData.Writing;

/// <summary>
/// How strings are escaped in the entity sets written directly: as OData's own JSON writer (Microsoft.OData.Core 8,
/// on System.Text.Json) escapes them — quotes, backslashes and control characters only; markup characters and
/// non-ASCII text are written as they are. The body is JSON, never HTML.
/// </summary>
internal static class Escaping
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
