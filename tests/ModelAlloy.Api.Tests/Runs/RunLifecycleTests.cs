using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using ModelAlloy.Api.Tests.Fakes;

namespace ModelAlloy.Api.Tests.Runs;

/// <summary>
/// A run's life over the API: status while it runs (202, progress, cost so far) and once done (200, output); the
/// high-stakes ensemble's review (the run waits, the review is posted, the run completes with it); terminate; purge.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RunLifecycleTests(ApiFixture api)
{
    private const string Claim = "Water damage claim, policy 88-123";

    [Fact]
    public async Task Status_of_a_completed_run_is_200_with_the_output_every_stage_and_the_cost()
    {
        CancellationToken deadline = TestTimeout.Token(90);
        string id = await StartAsync("support-triage", "My invoice shows a refund that never arrived, please check the billing error", deadline);
        await api.Durable.WaitForInstanceCompletionAsync(id, deadline);

        HttpResponseMessage response = await api.Http.GetAsync($"/api/runs/{id}", deadline);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement status = await Json.ReadAsync(response, deadline);
        Assert.Equal(id, status.GetProperty("instanceId").GetString());
        Assert.Equal("support-triage", status.GetProperty("pipeline").GetString());
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        JsonElement output = status.GetProperty("output");
        Assert.False(string.IsNullOrEmpty(output.GetProperty("output").GetString()));
        Assert.True(output.GetProperty("simulated").GetBoolean());
        JsonElement stage = output.GetProperty("stages")[0];
        Assert.Equal("router", stage.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(stage.GetProperty("reason").GetString()));
        Assert.Equal(output.GetProperty("costUsd").GetDecimal(), status.GetProperty("costUsd").GetDecimal());
        Assert.Equal(api.Ledger.Records.Where(r => r.RunId == id).Sum(r => r.CostUsd), status.GetProperty("costUsd").GetDecimal());
        Assert.Equal(output.GetProperty("stages").GetArrayLength(), status.GetProperty("progress").GetProperty("stagesCompleted").GetInt32());
        Assert.False(status.TryGetProperty("failure", out _));
    }

    [Fact]
    public async Task The_high_stakes_ensemble_waits_for_a_review_and_completes_with_the_posted_one()
    {
        CancellationToken deadline = TestTimeout.Token(90);
        string id = await StartAsync("high-stakes-ensemble", Claim, deadline);

        (HttpResponseMessage waiting, JsonElement status) = await api.PollAsync(id, s => s.GetProperty("waitingForReview").GetBoolean(), deadline);

        Assert.Equal(HttpStatusCode.Accepted, waiting.StatusCode);
        Assert.Equal(new Uri($"http://localhost/api/runs/{id}"), waiting.Headers.Location);
        Assert.NotNull(waiting.Headers.RetryAfter);
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        JsonElement review = status.GetProperty("progress").GetProperty("review");
        Assert.Equal(3, review.GetProperty("candidates").GetArrayLength());
        Assert.Equal("ModelAlloy.PipelineReview.label", review.GetProperty("eventName").GetString());
        Assert.True(status.GetProperty("costUsd").GetDecimal() > 0, "the members' calls are paid for before the review");

        HttpResponseMessage posted = await api.Http.PostAsJsonAsync($"/api/runs/{id}/review", new { text = "investigate" }, deadline);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(new Uri($"http://localhost/api/runs/{id}"), posted.Headers.Location);
        (HttpResponseMessage done, JsonElement final) = await api.PollAsync(id, s => s.GetProperty("runtimeStatus").GetString() != "Running", deadline);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("Completed", final.GetProperty("runtimeStatus").GetString());
        Assert.Equal("investigate", final.GetProperty("output").GetProperty("output").GetString());
        Assert.Equal("review", final.GetProperty("output").GetProperty("stages")[0].GetProperty("decidedBy").GetString());
        Assert.False(final.GetProperty("waitingForReview").GetBoolean());

        HttpResponseMessage late = await api.Http.PostAsJsonAsync($"/api/runs/{id}/review", new { choice = 1 }, deadline);
        await Json.ProblemAsync(late, 409, $"/api/runs/{id}/review", deadline);
    }

    [Fact]
    public async Task A_review_choice_out_of_range_answers_400_and_the_run_keeps_waiting()
    {
        CancellationToken deadline = TestTimeout.Token(90);
        string id = await StartAsync("high-stakes-ensemble", Claim, deadline);
        await api.PollAsync(id, s => s.GetProperty("waitingForReview").GetBoolean(), deadline);

        HttpResponseMessage response = await api.Http.PostAsJsonAsync($"/api/runs/{id}/review", new { choice = 4 }, deadline);

        JsonElement problem = await Json.ProblemAsync(response, 400, $"/api/runs/{id}/review", deadline);
        Assert.Contains("1–3", problem.GetProperty("errors").GetProperty("choice")[0].GetString(), StringComparison.Ordinal);
        HttpResponseMessage chosen = await api.Http.PostAsJsonAsync($"/api/runs/{id}/review", new { choice = 3 }, deadline);
        Assert.Equal(HttpStatusCode.Accepted, chosen.StatusCode);
        OrchestrationMetadata done = await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }

    [Fact]
    public async Task Terminate_ends_a_waiting_run_with_the_reason_then_answers_410_and_purge_removes_it()
    {
        CancellationToken deadline = TestTimeout.Token(90);
        string id = await StartAsync("high-stakes-ensemble", Claim, deadline);
        await api.PollAsync(id, s => s.GetProperty("waitingForReview").GetBoolean(), deadline);

        HttpResponseMessage early = await api.Http.DeleteAsync($"/api/runs/{id}", deadline);
        await Json.ProblemAsync(early, 409, $"/api/runs/{id}", deadline);

        HttpResponseMessage terminate = await api.Http.PostAsync($"/api/runs/{id}/terminate?reason=claim%20withdrawn", null, deadline);

        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        (_, JsonElement status) = await api.PollAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Terminated", deadline);
        Assert.Equal("claim withdrawn", status.GetProperty("failure").GetString());
        HttpResponseMessage again = await api.Http.PostAsync($"/api/runs/{id}/terminate", null, deadline);
        await Json.ProblemAsync(again, 410, $"/api/runs/{id}/terminate", deadline);

        HttpResponseMessage purge = await api.Http.DeleteAsync($"/api/runs/{id}", deadline);

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (await Json.ReadAsync(purge, deadline)).GetProperty("instancesDeleted").GetInt32());
        Assert.Null(await api.Durable.GetInstanceAsync(id, deadline));
        await Json.ProblemAsync(await api.Http.GetAsync($"/api/runs/{id}", deadline), 404, $"/api/runs/{id}", deadline);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/review")]
    [InlineData("POST", "/terminate")]
    public async Task An_unknown_run_answers_404(string method, string suffix)
    {
        CancellationToken deadline = TestTimeout.Token(90);
        string path = $"/api/runs/never-{Guid.NewGuid():N}{suffix}";

        HttpResponseMessage response = await api.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { choice = 1 }) }, deadline);

        await Json.ProblemAsync(response, 404, path, deadline);
    }

    private async Task<string> StartAsync(string pipeline, string input, CancellationToken deadline)
    {
        HttpResponseMessage response = await api.StartAsync(pipeline, new { input }, cancellationToken: deadline);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Json.ReadAsync(response, deadline)).GetProperty("id").GetString()!;
    }
}
