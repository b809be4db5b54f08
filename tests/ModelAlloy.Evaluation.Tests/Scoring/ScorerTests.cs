using System.Text.Json;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Scoring;

namespace ModelAlloy.Evaluation.Tests.Scoring;

public sealed class ScorerTests
{
    [Theory]
    [InlineData("  Billing ", true)]
    [InlineData("billing.", false)]
    public async Task Exact_match_ignores_case_and_surrounding_space(string output, bool passed)
    {
        Score score = await new ExactMatchScorer().ScoreAsync(Item("\"billing\""), output);

        Assert.Equal(passed, score.Passed);
        Assert.Equal(0m, score.CostUsd);
    }

    [Fact]
    public async Task Exact_match_can_respect_case()
    {
        Assert.False((await new ExactMatchScorer(ignoreCase: false).ScoreAsync(Item("\"billing\""), "Billing")).Passed);
    }

    [Theory]
    [InlineData("refund", true)]
    [InlineData("BILLING", true)]
    [InlineData("shipping", false)]
    public async Task Label_match_accepts_any_expected_label(string output, bool passed)
    {
        var item = new EvalItem { Id = "i", Input = "x", Labels = ["billing", "refund"] };

        Score score = await new LabelMatchScorer().ScoreAsync(item, output);

        Assert.Equal(passed, score.Passed);
        Assert.Contains(passed ? "label" : "expected one of [billing, refund]", score.Detail);
    }

    [Theory]
    [InlineData("""{"ticket": {"category": "Auth", "priority": 2}}""", "ticket.category", true)]
    [InlineData("""{"ticket": {"category": "billing"}}""", "ticket.category", false)]
    [InlineData("""{"ticket": {"priority": 2.0}}""", "ticket.priority", true)]
    [InlineData("""{"ticket": {}}""", "ticket.priority", false)]
    [InlineData("not json", "ticket.priority", false)]
    public async Task Json_field_match_compares_one_field(string output, string path, bool passed)
    {
        var item = Item("""{"ticket": {"category": "auth", "priority": 2}}""");

        Score score = await new JsonFieldScorer(path).ScoreAsync(item, output);

        Assert.Equal(passed, score.Passed);
    }

    [Theory]
    [InlineData("The total is 1,234.5 dollars", 0, 0, true)]
    [InlineData("about 1240", 0, 0.01, true)]
    [InlineData("about 1260", 0, 0.01, false)]
    [InlineData("1235", 0.6, 0, true)]
    [InlineData("no idea", 1, 1, false)]
    public async Task Numeric_tolerance_reads_the_first_number(string output, double absolute, double relative, bool passed)
    {
        Score score = await new NumericToleranceScorer(absolute, relative).ScoreAsync(Item("1234.5"), output);

        Assert.Equal(passed, score.Passed);
    }

    [Fact]
    public async Task Contains_looks_for_the_reference_or_a_fixed_text()
    {
        Assert.True((await new ContainsScorer().ScoreAsync(Item("\"Paris\""), "It is paris, France")).Passed);
        Assert.False((await new ContainsScorer(ignoreCase: false).ScoreAsync(Item("\"Paris\""), "it is paris")).Passed);
        Assert.True((await new ContainsScorer("refund").ScoreAsync(Item(null), "We will refund you")).Passed);
    }

    [Fact]
    public async Task Regex_matches_a_fixed_pattern_or_the_reference_as_a_pattern()
    {
        Assert.True((await new RegexScorer(@"^answer:\s*[A-D]$").ScoreAsync(Item(null), "Answer: C")).Passed);
        Assert.False((await new RegexScorer(@"^answer:\s*[A-D]$").ScoreAsync(Item(null), "Answer: E")).Passed);
        Assert.True((await new RegexScorer().ScoreAsync(Item("\"\\\\b(B|b)\\\\b\""), "I pick B")).Passed);
        Score invalid = await new RegexScorer().ScoreAsync(Item("\"(unclosed\""), "x");
        Assert.False(invalid.Passed);
        Assert.Contains("not a valid pattern", invalid.Detail);
    }

    private static EvalItem Item(string? referenceJson) => new()
    {
        Id = "i",
        Input = "x",
        Reference = referenceJson is null ? null : JsonDocument.Parse(referenceJson).RootElement.Clone(),
    };
}
