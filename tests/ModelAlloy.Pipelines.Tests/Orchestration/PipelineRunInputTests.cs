using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Tests.Orchestration;

/// <summary>A retried start asks for the same run whichever version of the definition each start read.</summary>
public sealed class PipelineRunInputTests
{
    private static readonly PipelineSnapshot V1 = Snapshot("""{ "name": "p", "stages": [] }""");
    private static readonly PipelineSnapshot V2 = Snapshot("""{ "name": "p", "description": "edited", "stages": [] }""");

    [Fact]
    public void Same_pipeline_and_input_is_the_same_request_across_definition_versions_and_none()
    {
        var first = new PipelineRunInput { Pipeline = "p", Input = "ticket", Definition = V1 };

        Assert.True(first.IsSameRequest(first with { Definition = V2 }));
        Assert.True(first.IsSameRequest(first with { Definition = null }));
        Assert.NotEqual(first, first with { Definition = V2 }); // record equality would call it another request
    }

    [Fact]
    public void Another_input_or_pipeline_or_none_is_another_request()
    {
        var first = new PipelineRunInput { Pipeline = "p", Input = "ticket", Definition = V1 };

        Assert.False(first.IsSameRequest(first with { Input = "Ticket" }));
        Assert.False(first.IsSameRequest(first with { Pipeline = "q" }));
        Assert.False(first.IsSameRequest(null));
    }

    private static PipelineSnapshot Snapshot(string content) =>
        new() { Name = "p", Source = "p.json", Content = content, ContentHash = PipelineSnapshot.Hash(content) };
}
