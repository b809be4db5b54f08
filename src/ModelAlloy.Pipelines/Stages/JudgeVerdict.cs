using System.Globalization;
using System.Text.Json.Nodes;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>A judge's verdict: a score in [0, 1] and the issues found, asked for under a built-in schema.</summary>
/// <param name="Score">The score.</param>
/// <param name="Issues">The issues.</param>
internal sealed record JudgeVerdict(double Score, IReadOnlyList<string> Issues)
{
    public const string Schema = """
        {"type":"object","additionalProperties":false,"required":["score","issues"],
         "properties":{"score":{"type":"number","minimum":0,"maximum":1},"issues":{"type":"array","items":{"type":"string"}}}}
        """;

    private const string DefaultPrompt =
        "Score the answer to the request from 0 (useless) to 1 (excellent) and list its issues.\n\nRequest:\n{{input}}\n\nAnswer:\n{{answer}}";

    public bool Passes(JudgeCheck check) => Score >= check.Threshold;

    public string Describe(JudgeCheck check) =>
        string.Create(CultureInfo.InvariantCulture, $"judge score {Score:0.###} {(Passes(check) ? ">=" : "<")} {check.Threshold:0.###}");

    /// <summary>Asks the judge; a judge that cannot answer scores 0, so the answer is not trusted.</summary>
    public static async Task<JudgeVerdict> AskAsync(StageContext run, JudgeCheck check, StageInput input, string answer)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = input.Text, ["original"] = input.Original, ["answer"] = answer };
        try
        {
            ModelCallResult result = await run.CallAsync(check.Step, "judge", DefaultPrompt, values, Schema).ConfigureAwait(true);
            JsonNode verdict = JsonNode.Parse(result.Json ?? result.Text)!;
            return new JudgeVerdict(
                verdict["score"]!.GetValue<double>(),
                verdict["issues"]!.AsArray().Select(i => i!.GetValue<string>()).ToList());
        }
        catch (ModelCallFailedException ex)
        {
            return new JudgeVerdict(0, [$"the judge did not answer ({ex.ErrorCode})"]);
        }
    }
}
