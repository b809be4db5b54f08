using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Replay;

namespace ModelAlloy.Evaluation.Tests.Replay;

public sealed class RouteLlmDataTests
{
    private const string Header = "prompt,mistralai/Mixtral-8x7B-Instruct-v0.1,gpt-4-1106-preview\n";

    [Fact]
    public void Quoted_multi_line_prompts_and_their_outcomes_load_per_subject()
    {
        using var data = new TempData(("mmlu_algebra.csv", Header + "\"What is 1+1?\nA. 1\nB. 2\nAnswer:\",False,True\n\"Say \"\"hi\"\", then 2\",True,False\n"));

        IReadOnlyList<RecordedOutcome> rows = RouteLlmData.Load(data.Root);

        Assert.Equal(2, rows.Count);
        Assert.Equal("algebra", rows[0].TaskType);
        Assert.Equal("What is 1+1?\nA. 1\nB. 2\nAnswer:", rows[0].Prompt);
        Assert.Equal(1, rows[0].EscalationGain);
        Assert.Equal("Say \"hi\", then 2", rows[1].Prompt);
        Assert.Equal(-1, rows[1].EscalationGain);
    }

    [Fact]
    public void A_bad_flag_names_the_file_line_and_column()
    {
        using var data = new TempData(("mmlu_algebra.csv", Header + "\"Q1\nA. x\",True,True\n\"Q2\",Yes,True\n"));

        var ex = Assert.Throws<DatasetFormatException>(() => RouteLlmData.Load(data.Root));

        Assert.Equal("mmlu_algebra.csv line 4, field 'mistralai/Mixtral-8x7B-Instruct-v0.1': 'Yes' is not a correctness flag; write True or False", ex.Message);
    }

    [Fact]
    public void A_missing_folder_says_how_to_point_at_the_data()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => RouteLlmData.Load("/nonexistent/routellm"));

        Assert.Contains("--data", ex.Message);
        Assert.Contains(RouteLlmData.EnvironmentVariable, ex.Message);
    }

    [Fact]
    public void The_shared_data_is_found_beside_the_repository()
    {
        string root = RouteLlmData.Locate();

        string? overridden = Environment.GetEnvironmentVariable(RouteLlmData.EnvironmentVariable);
        Assert.EndsWith(overridden is null ? Path.Combine("shared", "data", "routellm") : Path.GetFullPath(overridden), root);
        Assert.True(Directory.Exists(Path.Combine(root, "mmlu")), $"{root}/mmlu is missing");
        Assert.Equal(100, RouteLlmData.Load(root, ["abstract_algebra"]).Count);
    }

    private sealed class TempData : IDisposable
    {
        public TempData(params (string Name, string Text)[] files)
        {
            Root = Directory.CreateTempSubdirectory("alloy-routellm-").FullName;
            Directory.CreateDirectory(Path.Combine(Root, "mmlu"));
            foreach ((string name, string text) in files)
            {
                File.WriteAllText(Path.Combine(Root, "mmlu", name), text);
            }
        }

        public string Root { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
