using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelAlloy.Api.Http;
using ModelAlloy.Api.Runs;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Api;

/// <summary>Managing runs: status, review, terminate and purge (<c>/api/runs/{id}</c>).</summary>
public sealed partial class AlloyApi
{
    /// <summary>The longest termination reason kept.</summary>
    private const int MaxReasonLength = 1024;

    /// <summary>
    /// A run's status (<see cref="RunStatus"/>): 202 with <c>Location</c> and <c>Retry-After</c> while it is in progress
    /// (Durable Functions' polling contract), 200 once it has ended; 404 for an unknown run.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="id">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<IResult> GetRunAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (await ReadRunAsync(client, id, cancellationToken).ConfigureAwait(false) is not { } status)
        {
            return ApiProblems.UnknownRun(request, id);
        }

        return status.IsTerminal
            ? new JsonResult(status, StatusCodes.Status200OK)
            : new JsonResult(status, StatusCodes.Status202Accepted, RunManagementPayload.For(request, id).StatusQueryGetUri, _options.RetryAfterSeconds);
    }

    /// <summary>
    /// Sends a person's review (<c>{"choice": n}</c> or <c>{"text": "..."}</c>) to a run waiting for one, as the event
    /// its progress names: 202; 409 when the run is not waiting for a review; 400 naming the wrong field; 404 unknown.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="id">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<IResult> ReviewRunAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (await ReadRunAsync(client, id, cancellationToken).ConfigureAwait(false) is not { } status)
        {
            return ApiProblems.UnknownRun(request, id);
        }

        if (!status.WaitingForReview)
        {
            return ApiProblems.Conflict(request, "The run is not waiting for a review.", $"run '{id}' is {status.RuntimeStatus} and asks for no review; GET its status to see what it waits for");
        }

        PipelineReviewRequest review = status.Progress!.Review!;
        (JsonDocument? document, IResult? problem) = await BoundedBody.ReadObjectAsync(request, _options.MaxBodyBytes, ReviewRequest.Example, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        PipelineReviewAnswer? answer;
        Dictionary<string, string[]> errors;
        using (document)
        {
            (answer, errors) = ReviewRequest.Read(document!.RootElement, review);
        }

        if (answer is null)
        {
            return ApiProblems.Invalid(request, errors);
        }

        await client.RaiseEventAsync(id, review.EventName, answer, cancellationToken).ConfigureAwait(false);
        Logs.ReviewSent(_logger, id, review.EventName);
        string location = RunManagementPayload.For(request, id).StatusQueryGetUri;
        return new JsonResult(new { id, eventName = review.EventName, statusQueryGetUri = location }, StatusCodes.Status202Accepted, location);
    }

    /// <summary>Terminates a run (<c>?reason=</c> kept as its output): 202; 410 when it has already ended; 404 unknown.</summary>
    /// <param name="request">The request.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="id">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<IResult> TerminateRunAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (await ReadRunAsync(client, id, cancellationToken).ConfigureAwait(false) is not { } status)
        {
            return ApiProblems.UnknownRun(request, id);
        }

        if (status.IsTerminal)
        {
            return ApiProblems.Gone(request, "The run has already ended.", $"run '{id}' is {status.RuntimeStatus}; nothing to terminate");
        }

        string reason = request.Query.TryGetValue("reason", out var text) && !string.IsNullOrWhiteSpace(text)
            ? text.ToString() is { Length: > MaxReasonLength } long_ ? long_[..MaxReasonLength] : text.ToString()
            : "terminated over the HTTP API";
        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions(reason), cancellationToken).ConfigureAwait(false);
        Logs.RunTerminated(_logger, id);
        string location = RunManagementPayload.For(request, id).StatusQueryGetUri;
        return new JsonResult(new { id, reason, statusQueryGetUri = location }, StatusCodes.Status202Accepted, location);
    }

    /// <summary>Purges an ended run's history: 200 with <c>instancesDeleted</c>; 409 while it runs; 404 unknown.</summary>
    /// <param name="request">The request.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="id">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<IResult> PurgeRunAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (await ReadRunAsync(client, id, cancellationToken).ConfigureAwait(false) is not { } status)
        {
            return ApiProblems.UnknownRun(request, id);
        }

        if (!status.IsTerminal)
        {
            return ApiProblems.Conflict(request, "The run is still in progress.", $"run '{id}' is {status.RuntimeStatus}; terminate it first (POST /{ApiRoutes.Prefix}/runs/{id}/terminate)");
        }

        PurgeResult purged = await client.PurgeInstanceAsync(id, cancellation: cancellationToken).ConfigureAwait(false);
        Logs.RunPurged(_logger, id, purged.PurgedInstanceCount);
        return new JsonResult(new { instancesDeleted = purged.PurgedInstanceCount }, StatusCodes.Status200OK);
    }

    private static async Task<RunStatus?> ReadRunAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        OrchestrationMetadata? instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return instance is null ? null : RunStatus.From(instance);
    }
}
