using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using ModelAlloy.Api.Tests.Fakes;
using DurableTask.Core.History;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Api.Tests.Runs;

/// <summary><c>POST /api/pipelines/{name}/runs</c>: Durable Functions' 202, and a retried POST that starts nothing twice.</summary>
[Collection(ApiCollection.Name)]
public sealed class StartRunTests(ApiFixture api)
{
    private const string Ticket = "My invoice shows a refund that never arrived, please check the billing error";

    [Fact]
    public async Task Post_answers_202_with_the_management_payload_and_a_Location_to_poll()
    {
        CancellationToken deadline = TestTimeout.Token();

        HttpResponseMessage response = await api.StartAsync("support-triage", new { input = Ticket }, cancellationToken: deadline);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement payload = await Json.ReadAsync(response, deadline);
        Assert.Equal(["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri"], payload.EnumerateObject().Select(p => p.Name));
        string id = payload.GetProperty("id").GetString()!;
        string run = $"http://localhost/api/runs/{id}";
        Assert.Equal(run, payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"{run}/review", payload.GetProperty("sendEventPostUri").GetString());
        Assert.Equal($"{run}/terminate?reason={{text}}", payload.GetProperty("terminatePostUri").GetString());
        Assert.Equal(run, payload.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(new Uri(run), response.Headers.Location);
        Assert.NotNull(response.Headers.RetryAfter);

        OrchestrationMetadata done = await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        PipelineRunInput input = done.ReadInputAs<PipelineRunInput>()!;
        Assert.Equal(("support-triage", Ticket), (input.Pipeline, input.Input));
        // The API read the definition to check the pipeline and handed it to the run: the run read nothing more.
        Assert.Equal(input.Definition!.ContentHash, done.ReadOutputAs<PipelineRunResult>()!.ContentHash);
        Assert.Equal(PipelineSnapshot.Hash(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pipelines", "support-triage.json"))), input.Definition.ContentHash);
        Assert.DoesNotContain(api.Host.Durable.Sidecar.GetRecordedHistory(id).OfType<TaskScheduledEvent>(), e => e.Name == PipelineOrchestrator.LoadDefinitionActivity);
    }

    [Fact]
    public async Task An_object_input_reaches_the_run_as_its_JSON_text()
    {
        CancellationToken deadline = TestTimeout.Token();

        HttpResponseMessage response = await api.StartAsync("support-triage", new { input = new { subject = "refund", body = Ticket } }, cancellationToken: deadline);

        string id = (await Json.ReadAsync(response, deadline)).GetProperty("id").GetString()!;
        OrchestrationMetadata done = await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline);
        using JsonDocument input = JsonDocument.Parse(done.ReadInputAs<PipelineRunInput>()!.Input);
        Assert.Equal("refund", input.RootElement.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_retried_post_with_the_same_Idempotency_Key_answers_the_same_run_and_starts_one()
    {
        CancellationToken deadline = TestTimeout.Token();
        string key = "retry-" + Guid.NewGuid().ToString("N");

        HttpResponseMessage first = await api.StartAsync("support-triage", new { input = Ticket }, key, deadline);
        string id = (await Json.ReadAsync(first, deadline)).GetProperty("id").GetString()!;
        await api.Durable.WaitForInstanceCompletionAsync(id, deadline);
        HttpResponseMessage retry = await api.StartAsync("support-triage", new { input = Ticket }, key, deadline);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(id, (await Json.ReadAsync(retry, deadline)).GetProperty("id").GetString());
        Assert.StartsWith("support-triage-", id, StringComparison.Ordinal);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, api.ExecutionsStarted(id));
    }

    [Fact]
    public async Task Concurrent_posts_with_the_same_Idempotency_Key_start_one_run()
    {
        CancellationToken deadline = TestTimeout.Token();
        string key = "race-" + Guid.NewGuid().ToString("N");

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => api.StartAsync("support-triage", new { input = Ticket }, key, deadline))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        string[] ids = await Task.WhenAll(responses.Select(async r => (await Json.ReadAsync(r, deadline)).GetProperty("id").GetString()!));
        string id = Assert.Single(ids.Distinct());
        Assert.Single(responses, r => !r.Headers.Contains("Idempotent-Replayed"));
        await api.Durable.WaitForInstanceCompletionAsync(id, deadline);
        Assert.Equal(1, api.ExecutionsStarted(id));
    }

    [Fact]
    public async Task The_same_key_with_another_input_answers_422_and_starts_nothing()
    {
        CancellationToken deadline = TestTimeout.Token();
        string key = "reuse-" + Guid.NewGuid().ToString("N");
        HttpResponseMessage first = await api.StartAsync("support-triage", new { input = Ticket }, key, deadline);
        string id = (await Json.ReadAsync(first, deadline)).GetProperty("id").GetString()!;
        await api.Durable.WaitForInstanceCompletionAsync(id, deadline);

        HttpResponseMessage other = await api.StartAsync("support-triage", new { input = "another ticket" }, key, deadline);

        JsonElement problem = await Json.ProblemAsync(other, 422, "/api/pipelines/support-triage/runs", deadline);
        Assert.Contains(key, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, api.ExecutionsStarted(id));
    }

    [Fact]
    public async Task A_client_instance_id_names_the_run_and_a_retry_with_it_starts_nothing()
    {
        CancellationToken deadline = TestTimeout.Token();
        string id = "client-" + Guid.NewGuid().ToString("N");

        HttpResponseMessage first = await api.StartAsync("support-triage", new { input = Ticket, instanceId = id }, cancellationToken: deadline);
        await api.Durable.WaitForInstanceCompletionAsync(id, deadline);
        HttpResponseMessage retry = await api.StartAsync("support-triage", new { input = Ticket, instanceId = id }, cancellationToken: deadline);
        HttpResponseMessage taken = await api.StartAsync("support-triage", new { input = "different", instanceId = id }, cancellationToken: deadline);

        Assert.Equal(id, (await Json.ReadAsync(first, deadline)).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(id, (await Json.ReadAsync(retry, deadline)).GetProperty("id").GetString());
        await Json.ProblemAsync(taken, 409, "/api/pipelines/support-triage/runs", deadline);
        Assert.Equal(1, api.ExecutionsStarted(id));
    }

    [Fact]
    public async Task Posts_without_a_key_are_separate_runs()
    {
        CancellationToken deadline = TestTimeout.Token();

        HttpResponseMessage a = await api.StartAsync("support-triage", new { input = Ticket }, cancellationToken: deadline);
        HttpResponseMessage b = await api.StartAsync("support-triage", new { input = Ticket }, cancellationToken: deadline);

        Assert.NotEqual((await Json.ReadAsync(a, deadline)).GetProperty("id").GetString(), (await Json.ReadAsync(b, deadline)).GetProperty("id").GetString());
    }
}
