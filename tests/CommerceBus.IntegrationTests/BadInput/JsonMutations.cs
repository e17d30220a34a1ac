using System.Text.Json.Nodes;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// Damage that knows JSON, applied to the valid order (REST and AMQP bodies): values of the wrong type, fields missing,
/// extra and duplicated, huge numbers, deep nesting. Values go in as raw text, so what is sent is exactly what a
/// careless or hostile client would write, including what System.Text.Json itself would never write (1e400, NaN).
/// </summary>
public static class JsonMutations
{
    private const string Placeholder = "@@RAW@@";

    /// <summary>Raw JSON values of the wrong type for most fields.</summary>
    public static readonly (string Name, string Raw)[] WrongValues =
    [
        ("number", "42"), ("negative", "-1"), ("string", "\"two\""), ("bool", "true"), ("null", "null"), ("array", "[]"),
        ("object", "{}"), ("empty string", "\"\""), ("NUL char", "\"\\u0000\""), ("long string", "\"" + new string('x', 5000) + "\""),
    ];

    /// <summary>Numbers no order field can hold, and number syntax JSON does not allow.</summary>
    public static readonly (string Name, string Raw)[] HugeNumbers =
    [
        ("1e400", "1e400"), ("-1e400", "-1e400"), ("32 nines", new string('9', 32)), ("5000 digits", "1" + new string('0', 5000)),
        ("tiny", "0." + new string('0', 1000) + "1"), ("exponent overflow", "1E+2147483648"), ("minus zero", "-0"),
        ("int64 max+1", "9223372036854775808"), ("decimal max+1", "79228162514264337593543950336"), ("NaN", "NaN"),
        ("Infinity", "Infinity"), ("hex", "0x10"), ("leading zero", "007"), ("trailing dot", "1."),
    ];

    /// <summary>Adds the JSON-aware cases for the order whose valid text <paramref name="valid"/> gives for a number.</summary>
    public static void AddStructural(CaseList cases, Func<string, string> valid)
    {
        var paths = Paths(JsonNode.Parse(valid("X"))!, []).ToList();
        foreach (var path in paths)
        {
            foreach (var (name, raw) in WrongValues)
            {
                cases.AddText("wrong-type", $"{Show(path)} = {name}", n => Replace(valid(n), path, raw));
            }

            cases.AddText("missing-field", Show(path), n => Remove(valid(n), path));
            if (path[^1] is string key)
            {
                cases.AddText("duplicate-key", $"{Show(path)} wrong first", n => Duplicate(valid(n), path, key, "\"dup\"", first: true));
                cases.AddText("duplicate-key", $"{Show(path)} wrong last", n => Duplicate(valid(n), path, key, "\"dup\"", first: false));
                cases.AddText("duplicate-key", $"{Show(path)} null first", n => Duplicate(valid(n), path, key, "null", first: true));
                cases.AddText("duplicate-key", $"{Show(path)} null last", n => Duplicate(valid(n), path, key, "null", first: false));
            }
        }

        foreach (var field in new object[][] { ["lines", 0, "quantity"], ["lines", 1, "unitPrice"], ["lines", 0, "unitPrice"] })
        {
            foreach (var (name, raw) in HugeNumbers)
            {
                cases.AddText("huge-number", $"{Show(field)} = {name}", n => Replace(valid(n), field, raw));
            }
        }

        foreach (var place in new object[][] { [], ["shipTo"], ["lines", 0] })
        {
            foreach (var (name, raw) in new[] { ("number", "1"), ("object", "{\"a\":{\"b\":[1,2,3]}}"), ("__proto__", "{\"admin\":true}"), ("long array", "[" + string.Join(",", Enumerable.Repeat("0", 2000)) + "]") })
            {
                cases.AddText("extra-field", $"{Show(place)}.unexpected = {name}", n => AddField(valid(n), place, name == "__proto__" ? "__proto__" : "unexpected", raw));
            }
        }

        foreach (var depth in new[] { 17, 100, 1000, 10000 })
        {
            var arrays = new string('[', depth) + new string(']', depth);
            var objects = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            cases.AddText("deep-nesting", $"root arrays x{depth}", _ => arrays);
            cases.AddText("deep-nesting", $"root objects x{depth}", _ => objects);
            cases.AddText("deep-nesting", $"shipTo arrays x{depth}", n => Replace(valid(n), ["shipTo"], arrays));
            cases.AddText("deep-nesting", $"lines[0].sku objects x{depth}", n => Replace(valid(n), ["lines", 0, "sku"], objects));
        }

        foreach (var (name, text) in new[]
        {
            ("empty", ""), ("whitespace", "   \n\t "), ("null", "null"), ("number", "1"), ("string", "\"order\""), ("array of order", "[{}]"),
            ("two documents", "{}{}"), ("trailing comma", "{\"orderNumber\":\"A\",}"), ("comment", "/* c */ {}"), ("single quotes", "{'orderNumber':'A'}"),
            ("BOM and object", "\uFEFF{}"), ("unterminated string", "{\"orderNumber\":\"A"), ("lone surrogate escape", "{\"orderNumber\":\"\\uD800\"}"),
        })
        {
            cases.AddText("invalid-json", name, _ => text);
        }
    }

    /// <summary>Every property and array element of the document, as paths of keys and indexes.</summary>
    public static IEnumerable<object[]> Paths(JsonNode node, object[] prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    object[] path = [.. prefix, key];
                    yield return path;
                    foreach (var inner in child is null ? [] : Paths(child, path))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    object[] path = [.. prefix, i];
                    yield return path;
                    foreach (var inner in Paths(array[i]!, path))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    public static string Replace(string json, object[] path, string raw) =>
        Edit(json, path, (parent, last) => Set(parent, last, JsonValue.Create(Placeholder)))
            .Replace($"\"{Placeholder}\"", raw, StringComparison.Ordinal);

    public static string Remove(string json, object[] path) =>
        Edit(json, path, (parent, last) =>
        {
            if (parent is JsonObject obj)
            {
                obj.Remove((string)last);
            }
            else
            {
                ((JsonArray)parent).RemoveAt((int)last);
            }
        });

    private static string Duplicate(string json, object[] path, string key, string raw, bool first)
    {
        string? original = null;
        var text = Edit(json, path, (parent, last) =>
        {
            original = parent[(string)last]?.ToJsonString() ?? "null";
            parent[(string)last] = JsonValue.Create(Placeholder);
        });
        var pair = first ? $"\"{key}\":{raw},\"{key}\":{original}" : $"\"{key}\":{original},\"{key}\":{raw}";
        return text.Replace($"\"{key}\":\"{Placeholder}\"", pair, StringComparison.Ordinal);
    }

    private static string AddField(string json, object[] place, string key, string raw)
    {
        var root = JsonNode.Parse(json)!;
        var target = place.Aggregate(root, (node, step) => step is string k ? node[k]! : node[(int)step]!);
        ((JsonObject)target)[key] = JsonValue.Create(Placeholder);
        return root.ToJsonString().Replace($"\"{Placeholder}\"", raw, StringComparison.Ordinal);
    }

    private static string Edit(string json, object[] path, Action<JsonNode, object> edit)
    {
        var root = JsonNode.Parse(json)!;
        var parent = path[..^1].Aggregate(root, (node, step) => step is string k ? node[k]! : node[(int)step]!);
        edit(parent, path[^1]);
        return root.ToJsonString();
    }

    private static void Set(JsonNode parent, object last, JsonNode value)
    {
        if (last is string key)
        {
            parent[key] = value;
        }
        else
        {
            parent[(int)last] = value;
        }
    }

    private static string Show(object[] path) =>
        path.Length == 0 ? "(root)" : string.Concat(path.Select((p, i) => p is int n ? $"[{n}]" : (i == 0 ? "" : ".") + p));
}
