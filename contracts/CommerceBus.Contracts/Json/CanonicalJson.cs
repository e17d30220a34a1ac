using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommerceBus.Contracts.Json;

/// <summary>The JSON shape of canonical messages: camelCase, enums as strings. Routes address fields by these names.</summary>
public static class CanonicalJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static JsonElement ToElement(object message) => JsonSerializer.SerializeToElement(message, message.GetType(), Options);

    public static string Serialize(object message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    public static object? Deserialize(string json, Type type) => JsonSerializer.Deserialize(json, type, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
