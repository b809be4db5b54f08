using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using ModelAlloy.Api.Tests.Fakes;

namespace ModelAlloy.Api.Tests.Runs;

/// <summary>What a bad start answers: RFC 9457 problem details naming what was wrong, and nothing started.</summary>
[Collection(ApiCollection.Name)]
public sealed class StartRunProblemTests(ApiFixture api)
{
    private const string Path = "/api/pipelines/support-triage/runs";

    [Theory]
    [InlineData("", "body", "is empty")]
    [InlineData("""{"input": "unterminated""", "body", "is not valid JSON")]
    [InlineData("""["a"]""", "body", "must be a JSON object")]
    [InlineData("""{}""", "input", "is required")]
    [InlineData("""{"input": "   "}""", "input", "must not be blank")]
    [InlineData("""{"input": 42}""", "input", "must be a string or a JSON object, not a number")]
    [InlineData("""{"input": ["a"]}""", "input", "not an array")]
    [InlineData("""{"input": "hi", "instanceId": "has space"}""", "instanceId", "letters, digits")]
    [InlineData("""{"inputs": "typo"}""", "inputs", "is not a field")]
    public async Task Invalid_body_answers_400_naming_the_field(string body, string field, string reason)
    {
        CancellationToken deadline = TestTimeout.Token();
        int before = await CountInstancesAsync(deadline);

        HttpResponseMessage response = await api.Http.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"), deadline);

        JsonElement problem = await Json.ProblemAsync(response, 400, Path, deadline);
        JsonProperty error = problem.GetProperty("errors").EnumerateObject().First(e => e.Name == field);
        Assert.Contains(reason, error.Value[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, await CountInstancesAsync(deadline));
    }

    [Fact]
    public async Task Unknown_pipeline_answers_404_listing_the_known_ones()
    {
        CancellationToken deadline = TestTimeout.Token();

        HttpResponseMessage response = await api.StartAsync("no-such-pipeline", new { input = "x" }, cancellationToken: deadline);

        JsonElement problem = await Json.ProblemAsync(response, 404, "/api/pipelines/no-such-pipeline/runs", deadline);
        Assert.Contains("support-triage", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_over_the_limit_answers_413_whether_its_length_is_declared_or_not()
    {
        CancellationToken deadline = TestTimeout.Token();
        byte[] body = Encoding.UTF8.GetBytes($$"""{"input": "{{new string('x', 300 * 1024)}}"}""");

        HttpResponseMessage declared = await api.Http.PostAsync(Path, new ByteArrayContent(body), deadline);
        HttpResponseMessage chunked = await api.Http.PostAsync(Path, new UndeclaredLengthContent(body), deadline);

        await Json.ProblemAsync(declared, 413, Path, deadline);
        await Json.ProblemAsync(chunked, 413, Path, deadline);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_starts_a_run()
    {
        CancellationToken deadline = TestTimeout.Token();
        string input = new('y', (256 * 1024) - 64);

        HttpResponseMessage response = await api.StartAsync("support-triage", new { input }, cancellationToken: deadline);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("schlüssel")]
    [InlineData(null)]
    public async Task Invalid_Idempotency_Key_answers_400_naming_the_header(string? key)
    {
        key ??= new string('k', 256); // one over the limit
        CancellationToken deadline = TestTimeout.Token();
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent("""{"input": "x"}""", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        HttpResponseMessage response = await api.Http.SendAsync(request, deadline);

        JsonElement problem = await Json.ProblemAsync(response, 400, Path, deadline);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task A_key_and_an_instance_id_together_answer_400()
    {
        CancellationToken deadline = TestTimeout.Token();

        HttpResponseMessage response = await api.StartAsync("support-triage", new { input = "x", instanceId = "both-" + Guid.NewGuid().ToString("N") }, "key-" + Guid.NewGuid().ToString("N"), deadline);

        JsonElement problem = await Json.ProblemAsync(response, 400, Path, deadline);
        Assert.True(problem.GetProperty("errors").TryGetProperty("instanceId", out _));
    }

    private async Task<int> CountInstancesAsync(CancellationToken cancellationToken)
    {
        int count = 0;
        await foreach (OrchestrationMetadata _ in api.Durable.GetAllInstancesAsync().WithCancellation(cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>A body sent without Content-Length, so only the bounded read can stop it.</summary>
    private sealed class UndeclaredLengthContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
