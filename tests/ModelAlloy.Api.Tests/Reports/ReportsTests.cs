using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelAlloy.Api.Tests.Fakes;
using ModelAlloy.Models;

namespace ModelAlloy.Api.Tests.Reports;

/// <summary><c>GET /api/pipelines</c>, <c>/api/costs</c> and <c>/api/dashboard</c> over the real library and ledger.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class ReportsTests(ApiFixture api)
{
    // Only these tests run this pipeline, so its ledger rows are theirs.
    private const string Pipeline = "content-draft";

    [Fact]
    public async Task Pipelines_lists_every_example_with_its_description_and_validity()
    {
        CancellationToken deadline = TestTimeout.Token();

        HttpResponseMessage response = await api.Http.GetAsync("/api/pipelines", deadline);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement[] pipelines = [.. (await Json.ReadAsync(response, deadline)).EnumerateArray()];
        string[] files = [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "pipelines"), "*.json").Select(Path.GetFileNameWithoutExtension).Where(n => n != "pipeline.schema")!];
        Assert.Equal(files.Order(StringComparer.Ordinal), pipelines.Select(p => p.GetProperty("name").GetString()));
        Assert.All(pipelines, p => Assert.True(p.GetProperty("valid").GetBoolean(), p.GetProperty("name").GetString()));
        Assert.All(pipelines, p => Assert.Empty(p.GetProperty("errors").EnumerateArray()));
        JsonElement ensemble = pipelines.Single(p => p.GetProperty("name").GetString() == "high-stakes-ensemble");
        Assert.StartsWith("Three models label a claim", ensemble.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, ensemble.GetProperty("stages").GetInt32());
    }

    [Fact]
    public async Task Costs_by_pipeline_and_by_model_are_the_ledgers_totals()
    {
        CancellationToken deadline = TestTimeout.Token();
        await RunOnceAsync(deadline);
        CostRecord[] all = [.. api.Ledger.Records.Where(r => r.Pipeline == Pipeline)];
        Assert.NotEmpty(all);

        // The day of the latest record, not the clock's: a run that straddles midnight UTC leaves rows on two days.
        DateOnly day = all[^1].Day;
        CostRecord[] mine = [.. all.Where(r => r.Day == day)];
        string today = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        JsonElement byPipeline = await Json.ReadAsync(await api.Http.GetAsync($"/api/costs?from={today}&to={today}&by=pipeline", deadline), deadline);
        JsonElement byModel = await Json.ReadAsync(await api.Http.GetAsync($"/api/costs?by=model", deadline), deadline);

        Assert.Equal("pipeline", byPipeline.GetProperty("by").GetString());
        JsonElement row = byPipeline.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == Pipeline);
        Assert.Equal(today, row.GetProperty("period").GetString());
        Assert.Equal(mine.Sum(r => r.CostUsd), row.GetProperty("costUsd").GetDecimal());
        Assert.Equal(mine.Count(r => r.ReachedProvider), row.GetProperty("calls").GetInt32());
        Assert.Equal(mine.Sum(r => r.InputTokens), row.GetProperty("inputTokens").GetInt64());
        Assert.Equal(byPipeline.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("costUsd").GetDecimal()), byPipeline.GetProperty("costUsd").GetDecimal());
        Assert.True(byPipeline.GetProperty("simulated").GetInt32() > 0);
        Assert.Equal("model", byModel.GetProperty("by").GetString());
        Assert.Contains(byModel.GetProperty("rows").EnumerateArray(), r => r.GetProperty("key").GetString() == mine[0].ModelId);
    }

    [Fact]
    public async Task Costs_as_text_is_the_cost_report()
    {
        CancellationToken deadline = TestTimeout.Token();
        await RunOnceAsync(deadline);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/costs");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));

        HttpResponseMessage response = await api.Http.SendAsync(request, deadline);

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync(deadline);
        Assert.StartsWith("Model cost report ", text, StringComparison.Ordinal);
        Assert.Contains("SIMULATED", text, StringComparison.Ordinal);
        Assert.Contains(Pipeline, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("by=tier", "by")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-02-01&to=2026-01-01", "from")]
    [InlineData("from=2020-01-01&to=2026-01-01", "from")]
    public async Task Bad_cost_queries_answer_400_naming_the_parameter(string query, string field)
    {
        CancellationToken deadline = TestTimeout.Token();

        HttpResponseMessage response = await api.Http.GetAsync($"/api/costs?{query}", deadline);

        JsonElement problem = await Json.ProblemAsync(response, 400, "/api/costs", deadline);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Dashboard_is_the_self_contained_cost_page_with_the_ledgers_data()
    {
        CancellationToken deadline = TestTimeout.Token();
        await RunOnceAsync(deadline);

        HttpResponseMessage response = await api.Http.GetAsync("/api/dashboard", deadline);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string html = await response.Content.ReadAsStringAsync(deadline);
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalResource(), html);
        Assert.Contains($"\"{Pipeline}\"", html, StringComparison.Ordinal);
    }

    private async Task RunOnceAsync(CancellationToken deadline)
    {
        HttpResponseMessage response = await api.StartAsync(Pipeline, new { input = "Write a short product note about durable pipelines" }, "reports-" + Pipeline, deadline);
        string id = (await Json.ReadAsync(response, deadline)).GetProperty("id").GetString()!;
        await api.Durable.WaitForInstanceCompletionAsync(id, deadline);
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']https?://""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
