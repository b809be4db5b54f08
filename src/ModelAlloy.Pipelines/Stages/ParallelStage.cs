using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>Parallel specialists: all answer at once (fan-out), then a template or a synthesizer merges them (fan-in).</summary>
internal static class ParallelStage
{
    private const string DefaultSynthesisPrompt = "Combine the specialists' answers into one answer to the request.\n\nRequest:\n{{input}}\n\n{{answers}}";

    public static async Task<StageOutcome> RunAsync(StageContext run, ParallelStageDefinition stage, StageInput input)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = input.Text, ["original"] = input.Original };
        List<(string Name, ModelStep Step)> specialists = stage.Specialists.Select(p => (p.Key, p.Value)).ToList();
        ModelCallResult[] answers = await Task.WhenAll(specialists.Select(s => run.CallAsync(s.Step, "specialist", "{{input}}", values))).ConfigureAwait(true);
        for (int i = 0; i < specialists.Count; i++)
        {
            values[specialists[i].Name] = answers[i].Json ?? answers[i].Text;
        }

        values["answers"] = string.Join("\n\n", specialists.Select(s => $"{s.Name}:\n{values[s.Name]}"));
        string output;
        if (stage.MergeTemplate is { } template)
        {
            output = PromptTemplate.Render(template, values);
        }
        else
        {
            ModelCallResult merged = await run.CallAsync(stage.Synthesizer!, "synthesize", DefaultSynthesisPrompt, values).ConfigureAwait(true);
            output = merged.Json ?? merged.Text;
        }

        return new StageOutcome(output, new StageRecord
        {
            StageId = stage.Id,
            Kind = stage.Kind,
            Reason = $"{specialists.Count} specialists merged by {(stage.MergeTemplate is null ? "synthesizer" : "template")}",
        });
    }
}
