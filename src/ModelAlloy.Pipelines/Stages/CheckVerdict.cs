using System.Text.Json.Nodes;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>A validator's or critic's verdict: pass or not, and why; asked for under a built-in schema.</summary>
/// <param name="Pass">Whether the text passes.</param>
/// <param name="Reason">Why (what to fix when it does not).</param>
internal sealed record CheckVerdict(bool Pass, string Reason)
{
    public const string Schema = """
        {"type":"object","additionalProperties":false,"required":["pass","reason"],
         "properties":{"pass":{"type":"boolean"},"reason":{"type":"string"}}}
        """;

    /// <summary>Asks the checker about <paramref name="draft"/>; a checker that cannot answer fails the text.</summary>
    public static async Task<CheckVerdict> AskAsync(StageContext run, ModelStep checker, string purpose, string defaultPrompt, string draft, string original)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = draft, ["draft"] = draft, ["original"] = original };
        try
        {
            ModelCallResult result = await run.CallAsync(checker, purpose, defaultPrompt, values, Schema).ConfigureAwait(true);
            JsonNode verdict = JsonNode.Parse(result.Json ?? result.Text)!;
            return new CheckVerdict(verdict["pass"]!.GetValue<bool>(), verdict["reason"]!.GetValue<string>());
        }
        catch (ModelCallFailedException ex)
        {
            return new CheckVerdict(false, $"the {purpose} model did not answer ({ex.ErrorCode})");
        }
    }

    /// <summary>Revises <paramref name="draft"/> given the verdict's reason.</summary>
    public static async Task<string> ReviseAsync(StageContext run, ModelStep reviser, string draft, string reason, string original)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = draft, ["draft"] = draft, ["reason"] = reason, ["original"] = original };
        ModelCallResult result = await run.CallAsync(
            reviser, "revise", "Revise the answer to fix the problem.\n\nRequest:\n{{original}}\n\nAnswer:\n{{draft}}\n\nProblem:\n{{reason}}", values).ConfigureAwait(true);
        return result.Json ?? result.Text;
    }
}
