using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using ModelAlloy.Functions.Api;
using ModelAlloy.Functions.Tests.Fakes;

namespace ModelAlloy.Functions.Tests.Api;

/// <summary>
/// The HTTP API's functions invoked as methods with a real client: the same 202 payload as <c>alloy serve</c> (with
/// the caller's <c>?code=</c> carried into the links), idempotent starts, problem details, the review flow, reports.
/// </summary>
public sealed class ApiFunctionsTests(PipelineApiFixture fixture) : IClassFixture<PipelineApiFixture>
{
    private const string Claim = "Water damage claim, policy 88-123";

    private RunFunctions Runs => new(fixture.Api);

    private ReportFunctions Reports => new(fixture.Api);

    [Fact]
    public async Task Start_answers_202_with_the_serve_hosts_payload_on_the_functions_routes_carrying_the_key()
    {
        CancellationToken deadline = TestTimeout.Token();
        var context = new FakeFunctionContext(deadline);
        HttpContext http = fixture.Request("POST", "/api/pipelines/support-triage/runs?code=k3y", """{"input": "refund please, billing error"}""");

        (int status, string body) = await PipelineApiFixture.ExecuteAsync(await Runs.StartAsync(http.Request, "support-triage", fixture.Client, context), http);

        Assert.Equal(202, status);
        JsonElement payload = PipelineApiFixture.Parse(body);
        Assert.Equal(["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri"], payload.EnumerateObject().Select(p => p.Name));
        string id = payload.GetProperty("id").GetString()!;
        string run = $"{PipelineApiFixture.BaseUrl}/api/runs/{id}";
        Assert.Equal($"{run}?code=k3y", payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"{run}/review?code=k3y", payload.GetProperty("sendEventPostUri").GetString());
        Assert.Equal($"{run}/terminate?reason={{text}}&code=k3y", payload.GetProperty("terminatePostUri").GetString());
        Assert.Equal($"{run}?code=k3y", payload.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal($"{run}?code=k3y", http.Response.Headers.Location.ToString());

        OrchestrationMetadata done = await fixture.Client.WaitForInstanceCompletionAsync(id, deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        HttpContext get = fixture.Request("GET", $"/api/runs/{id}");
        (int getStatus, string getBody) = await PipelineApiFixture.ExecuteAsync(await Runs.GetAsync(get.Request, id, fixture.Client, context), get);
        Assert.Equal(200, getStatus);
        Assert.Equal("Completed", PipelineApiFixture.Parse(getBody).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task A_key_sent_in_the_header_is_never_put_into_the_links()
    {
        var context = new FakeFunctionContext(TestTimeout.Token());
        HttpContext http = fixture.Request("POST", "/api/pipelines/support-triage/runs", """{"input": "refund please"}""");
        http.Request.Headers["x-functions-key"] = "secret";

        (_, string body) = await PipelineApiFixture.ExecuteAsync(await Runs.StartAsync(http.Request, "support-triage", fixture.Client, context), http);

        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_names_the_same_run()
    {
        CancellationToken deadline = TestTimeout.Token();
        var context = new FakeFunctionContext(deadline);
        string key = "functions-" + Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        for (int attempt = 0; attempt < 2; attempt++)
        {
            HttpContext http = fixture.Request("POST", "/api/pipelines/support-triage/runs", """{"input": "refund please"}""");
            http.Request.Headers["Idempotency-Key"] = key;
            (int status, string body) = await PipelineApiFixture.ExecuteAsync(await Runs.StartAsync(http.Request, "support-triage", fixture.Client, context), http);
            Assert.Equal(202, status);
            ids.Add(PipelineApiFixture.Parse(body).GetProperty("id").GetString()!);
        }

        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Unknown_pipeline_is_a_404_problem()
    {
        var context = new FakeFunctionContext(TestTimeout.Token());
        HttpContext http = fixture.Request("POST", "/api/pipelines/nope/runs", """{"input": "x"}""");

        (int status, string body) = await PipelineApiFixture.ExecuteAsync(await Runs.StartAsync(http.Request, "nope", fixture.Client, context), http);

        Assert.Equal(404, status);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.Equal("/api/pipelines/nope/runs", PipelineApiFixture.Parse(body).GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Review_completes_a_waiting_ensemble_run()
    {
        CancellationToken deadline = TestTimeout.Token(90);
        var context = new FakeFunctionContext(deadline);
        HttpContext start = fixture.Request("POST", "/api/pipelines/high-stakes-ensemble/runs", $$"""{"input": "{{Claim}}"}""");
        (_, string started) = await PipelineApiFixture.ExecuteAsync(await Runs.StartAsync(start.Request, "high-stakes-ensemble", fixture.Client, context), start);
        string id = PipelineApiFixture.Parse(started).GetProperty("id").GetString()!;
        while (true)
        {
            HttpContext get = fixture.Request("GET", $"/api/runs/{id}");
            (int status, string body) = await PipelineApiFixture.ExecuteAsync(await Runs.GetAsync(get.Request, id, fixture.Client, context), get);
            Assert.Equal(202, status);
            if (PipelineApiFixture.Parse(body).GetProperty("waitingForReview").GetBoolean())
            {
                break;
            }

            await Task.Delay(20, deadline);
        }

        HttpContext review = fixture.Request("POST", $"/api/runs/{id}/review", """{"choice": 1}""");
        (int reviewed, _) = await PipelineApiFixture.ExecuteAsync(await Runs.ReviewAsync(review.Request, id, fixture.Client, context), review);

        Assert.Equal(202, reviewed);
        OrchestrationMetadata done = await fixture.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        HttpContext purge = fixture.Request("DELETE", $"/api/runs/{id}");
        (int purged, string purgeBody) = await PipelineApiFixture.ExecuteAsync(await Runs.PurgeAsync(purge.Request, id, fixture.Client, context), purge);
        Assert.Equal((200, 1), (purged, PipelineApiFixture.Parse(purgeBody).GetProperty("instancesDeleted").GetInt32()));
    }

    [Fact]
    public async Task Terminate_of_an_unknown_run_is_a_404_problem()
    {
        var context = new FakeFunctionContext(TestTimeout.Token());
        HttpContext http = fixture.Request("POST", "/api/runs/never/terminate");

        (int status, _) = await PipelineApiFixture.ExecuteAsync(await Runs.TerminateAsync(http.Request, "never", fixture.Client, context), http);

        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Pipelines_costs_and_the_dashboard_answer()
    {
        var context = new FakeFunctionContext(TestTimeout.Token());
        HttpContext pipelines = fixture.Request("GET", "/api/pipelines");
        HttpContext costs = fixture.Request("GET", "/api/costs?by=model");
        HttpContext dashboard = fixture.Request("GET", "/api/dashboard?code=k3y");

        (int p, string pipelinesBody) = await PipelineApiFixture.ExecuteAsync(await Reports.ListPipelinesAsync(pipelines.Request, context), pipelines);
        (int c, string costsBody) = await PipelineApiFixture.ExecuteAsync(await Reports.GetCostsAsync(costs.Request, context), costs);
        (int d, string html) = await PipelineApiFixture.ExecuteAsync(await Reports.GetDashboardAsync(dashboard.Request, context), dashboard);

        Assert.Equal((200, 200, 200), (p, c, d));
        Assert.Contains(PipelineApiFixture.Parse(pipelinesBody).EnumerateArray(), e => e.GetProperty("name").GetString() == "high-stakes-ensemble");
        Assert.Equal("model", PipelineApiFixture.Parse(costsBody).GetProperty("by").GetString());
        Assert.StartsWith("text/html", dashboard.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
    }
}
