using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using ModelAlloy.Functions.Starters;
using ModelAlloy.Functions.Tests.Fakes;
using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Tests.Starters;

/// <summary><c>POST /api/tickets</c> invoked as a method with a real client: 202 and a run that completes, or 400 naming the field.</summary>
[Collection(DurableCollection.Name)]
public sealed class TicketHttpStarterTests(DurableClientFixture durable)
{
    private const string BaseUrl = "http://127.0.0.1:7071";

    private readonly TicketHttpStarter _starter = new(NullLogger<TicketHttpStarter>.Instance);

    [Fact]
    public async Task Valid_ticket_answers_202_with_the_management_payload_and_the_triage_completes()
    {
        CancellationToken timeout = TestTimeout.Token();
        var context = new FakeFunctionContext(timeout);
        HttpRequestData request = FakeHttpRequestData.Post(context, $"{BaseUrl}/api/tickets", """{"id": "T-http-1", "text": "My invoice shows a refund that never arrived, please check the billing error on my account from last month"}""");

        HttpResponseData response = await _starter.StartAsync(request, durable.Client, context);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using JsonDocument payload = ReadJson(response);

        // Written by the worker's serializer, whose default (System.Text.Json, no naming policy) keeps the payload's
        // PascalCase property names; in-process Durable Functions documents them camelCase.
        string id = payload.RootElement.GetProperty("Id").GetString()!;
        string instance = $"{BaseUrl}/runtime/webhooks/durabletask/instances/{id}";
        Assert.Equal(instance, payload.RootElement.GetProperty("StatusQueryGetUri").GetString());
        Assert.Equal($"{instance}/raiseEvent/{{eventName}}", payload.RootElement.GetProperty("SendEventPostUri").GetString());
        Assert.Equal($"{instance}/terminate?reason={{text}}", payload.RootElement.GetProperty("TerminatePostUri").GetString());
        Assert.Equal(instance, payload.RootElement.GetProperty("PurgeHistoryDeleteUri").GetString());
        Assert.Equal(instance, Assert.Single(response.Headers.GetValues("Location")));

        OrchestrationMetadata done = await durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        TicketAnswer answer = done.ReadOutputAs<TicketAnswer>()!;
        Assert.Equal("T-http-1", answer.TicketId);
        Assert.Equal("billing", answer.Category);
        Assert.Equal("[billing] 4 findings for ticket T-http-1", answer.Reply);
    }

    [Theory]
    [InlineData("""{"id": "T-1", "text": "unterminated""", "body", "is not valid JSON")]
    [InlineData("", "body", "is empty")]
    [InlineData("""["T-1", "text"]""", "body", "must be a JSON object")]
    [InlineData("""{"text": "hello"}""", "id", "is required")]
    [InlineData("""{"id": 42, "text": "hello"}""", "id", "must be a string, not a number")]
    [InlineData("""{"id": "T 1/2", "text": "hello"}""", "id", "letters, digits, '-' or '_'")]
    [InlineData("""{"id": "T-1"}""", "text", "is required")]
    [InlineData("""{"id": "T-1", "text": "   "}""", "text", "must not be blank")]
    [InlineData("""{"id": "T-1", "text": null}""", "text", "must be a string, not null")]
    public async Task Invalid_body_answers_400_problem_details_naming_the_field(string body, string field, string reason)
    {
        var context = new FakeFunctionContext(TestTimeout.Token());
        HttpRequestData request = FakeHttpRequestData.Post(context, $"{BaseUrl}/api/tickets", body);

        HttpResponseData response = await _starter.StartAsync(request, durable.Client, context);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ValidationProblem.ContentType, Assert.Single(response.Headers.GetValues("Content-Type")));
        Assert.False(response.Headers.Contains("Location"));
        using JsonDocument problem = ReadJson(response);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("/api/tickets", problem.RootElement.GetProperty("instance").GetString());
        JsonElement errors = problem.RootElement.GetProperty("errors");
        JsonProperty only = Assert.Single(errors.EnumerateObject());
        Assert.Equal(field, only.Name);
        Assert.Contains(reason, Assert.Single(only.Value.EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"{field}: ", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_wrong_field_is_named_at_once()
    {
        var context = new FakeFunctionContext(TestTimeout.Token());
        HttpRequestData request = FakeHttpRequestData.Post(context, $"{BaseUrl}/api/tickets", """{"id": "", "text": 7}""");

        HttpResponseData response = await _starter.StartAsync(request, durable.Client, context);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument problem = ReadJson(response);
        Assert.Equal(["id", "text"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Invalid_body_schedules_nothing()
    {
        CancellationToken timeout = TestTimeout.Token();
        var context = new FakeFunctionContext(timeout);
        int before = await CountInstancesAsync(timeout);

        HttpResponseData response = await _starter.StartAsync(
            FakeHttpRequestData.Post(context, $"{BaseUrl}/api/tickets", """{"id": "T-nothing"}"""), durable.Client, context);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountInstancesAsync(timeout));
    }

    private async Task<int> CountInstancesAsync(CancellationToken cancellationToken)
    {
        int count = 0;
        await foreach (OrchestrationMetadata _ in durable.Client.GetAllInstancesAsync().WithCancellation(cancellationToken))
        {
            count++;
        }

        return count;
    }

    private static JsonDocument ReadJson(HttpResponseData response)
    {
        response.Body.Position = 0;
        return JsonDocument.Parse(response.Body);
    }
}
