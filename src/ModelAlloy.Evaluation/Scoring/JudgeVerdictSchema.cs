using System.Text.Json;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>The JSON Schema a judge model answers under, and the parse of its verdict.</summary>
internal static class JudgeVerdictSchema
{
    public const string Text = """
        {"type":"object","additionalProperties":false,"required":["score","reasons"],
         "properties":{"score":{"type":"number","minimum":0,"maximum":1},"reasons":{"type":"array","items":{"type":"string"}}}}
        """;

    /// <summary>Reads <c>score</c> (clamped to 0..1) and <c>reasons</c> from the judge's JSON.</summary>
    public static (double Score, IReadOnlyList<string> Reasons) Parse(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        double score = root.TryGetProperty("score", out JsonElement s) && s.ValueKind == JsonValueKind.Number ? Math.Clamp(s.GetDouble(), 0, 1) : 0;
        var reasons = root.TryGetProperty("reasons", out JsonElement r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(t => t.Length > 0).ToList()
            : [];
        return (score, reasons);
    }
}
