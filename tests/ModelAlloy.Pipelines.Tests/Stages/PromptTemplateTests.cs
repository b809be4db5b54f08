using ModelAlloy.Pipelines.Stages;

namespace ModelAlloy.Pipelines.Tests.Stages;

/// <summary>Prompt placeholders.</summary>
public sealed class PromptTemplateTests
{
    [Theory]
    [InlineData("Q: {{input}}", "Q: hello")]
    [InlineData("{{ input }}/{{input}}", "hello/hello")]
    [InlineData("{{unknown}} stays", "{{unknown}} stays")]
    [InlineData("unclosed {{input", "unclosed {{input")]
    [InlineData("value with braces: {{braces}}", "value with braces: {{input}}")]
    public void Placeholders_are_filled_once_and_unknown_ones_stay_visible(string template, string expected)
    {
        var values = new Dictionary<string, string> { ["input"] = "hello", ["braces"] = "{{input}}" };

        Assert.Equal(expected, PromptTemplate.Render(template, values));
    }
}
