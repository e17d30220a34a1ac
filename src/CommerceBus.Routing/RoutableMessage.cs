using System.Text.Json;

namespace CommerceBus.Routing;

/// <summary>A message as the router sees it: its canonical versioned type, its headers and its camelCase JSON body.</summary>
/// <param name="MessageType">The canonical versioned name, e.g. <c>BookOrder.v1</c> (<c>CanonicalTypes.VersionedNameOf</c>).</param>
/// <param name="Headers">Header names are matched case-insensitively, whatever comparer the dictionary has.</param>
/// <param name="Body">The message as canonical JSON (<c>CanonicalJson.ToElement</c>).</param>
public sealed record RoutableMessage(string MessageType, IReadOnlyDictionary<string, string> Headers, JsonElement Body);
