using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelAlloy.Models;

namespace ModelAlloy.Pipelines.Caching;

/// <summary>
/// The cache key: the SHA-256 of the stage's definition, the models behind every role and model it names (id,
/// provider, deployment, endpoint, as the catalog has them now: a catalog change is a new key) and its inputs.
/// </summary>
internal static class StageCacheKey
{
    public static string Compute(StageCacheLookup lookup, ModelGatewayOptions catalog)
    {
        var models = new SortedSet<string>(StringComparer.Ordinal);
        Collect(JsonNode.Parse(lookup.StageJson), catalog, models);
        string material = JsonSerializer.Serialize(new { stage = lookup.StageJson, models, input = lookup.Input, original = lookup.Original });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    private static void Collect(JsonNode? node, ModelGatewayOptions catalog, SortedSet<string> models)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach ((string name, JsonNode? value) in obj)
                {
                    if (value is JsonValue v && v.TryGetValue(out string? text) && name is "role" or "model")
                    {
                        IEnumerable<string> ids = name == "role" && catalog.Roles.TryGetValue(text, out ModelRoleOptions? role) ? role.Chain : [text];
                        models.Add($"{name}:{text}");
                        foreach (string id in ids)
                        {
                            models.Add(catalog.Models.TryGetValue(id, out ModelDefinition? model)
                                ? $"model:{id}={model.Provider}/{model.Deployment}@{model.Endpoint}"
                                : $"model:{id}=?");
                        }
                    }
                    else
                    {
                        Collect(value, catalog, models);
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    Collect(item, catalog, models);
                }

                break;
        }
    }
}
