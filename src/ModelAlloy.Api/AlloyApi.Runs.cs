using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelAlloy.Api.Http;
using ModelAlloy.Api.Runs;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Api;

/// <summary>Starting runs: <c>POST /api/pipelines/{name}/runs</c>.</summary>
public sealed partial class AlloyApi
{
    /// <summary>
    /// Starts a run of <paramref name="pipeline"/>: 202 with Durable Functions' management payload and a
    /// <c>Location</c> header to poll. With an <c>Idempotency-Key</c> header (or an <c>instanceId</c> in the body) a
    /// retried POST starts nothing and answers the same 202; reusing the key for another input answers 422 (409 for
    /// an instance id). Unknown pipeline 404, invalid definition 409, invalid body 400 naming the field, too large 413.
    /// </summary>
    /// <param name="request">The request; its body is <c>{"input": "..." | {...}, "instanceId"?: "..."}</c>.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="pipeline">The pipeline's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<IResult> StartRunAsync(HttpRequest request, DurableTaskClient client, string pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(pipeline);
        (PipelineSnapshot? definition, IResult? missing) = await ReadPipelineAsync(request, pipeline, cancellationToken).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        string? key = null;
        if (request.Headers.TryGetValue(RunInstanceId.IdempotencyKeyHeader, out var keys))
        {
            if (keys.Count != 1 || !RunInstanceId.IsValidKey(keys[0]!))
            {
                return ApiProblems.Invalid(request, RunInstanceId.IdempotencyKeyHeader, $"must be one value of 1–{RunInstanceId.MaxKeyLength} printable ASCII characters");
            }

            key = keys[0];
        }

        (JsonDocument? document, IResult? problem) = await BoundedBody.ReadObjectAsync(request, _options.MaxBodyBytes, RunRequest.Example, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        RunRequest? run;
        Dictionary<string, string[]> errors;
        using (document)
        {
            (run, errors) = RunRequest.Read(document!.RootElement);
        }

        if (run is null)
        {
            return ApiProblems.Invalid(request, errors);
        }

        if (key is not null && run.InstanceId is not null)
        {
            return ApiProblems.Invalid(request, "instanceId", $"send either the {RunInstanceId.IdempotencyKeyHeader} header or an instanceId, not both");
        }

        string? instanceId = run.InstanceId ?? (key is null ? null : RunInstanceId.FromIdempotencyKey(pipeline, key));
        RunStart start = await RunStarter.StartAsync(client, PipelineRunInput.For(definition!, run.Input), instanceId, cancellationToken).ConfigureAwait(false);
        if (!start.SameRequest)
        {
            Logs.StartRefused(_logger, start.InstanceId, pipeline);
            return key is not null
                ? ApiProblems.KeyReused(request, $"the {RunInstanceId.IdempotencyKeyHeader} '{key}' started run '{start.InstanceId}' with another input; use a new key for a new run")
                : ApiProblems.Conflict(request, "The instance id is taken.", $"instance '{start.InstanceId}' exists with another pipeline or input; choose another instanceId");
        }

        if (start.Started)
        {
            Logs.RunStarted(_logger, start.InstanceId, pipeline, instanceId is not null);
        }
        else
        {
            Logs.RunReplayed(_logger, start.InstanceId, pipeline, start.ExistingStatus?.ToString() ?? "unknown");
        }

        RunManagementPayload payload = RunManagementPayload.For(request, start.InstanceId);
        return new JsonResult(payload, StatusCodes.Status202Accepted, payload.StatusQueryGetUri, _options.RetryAfterSeconds)
        {
            Headers = start.Started ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Idempotent-Replayed"] = "true" },
        };
    }

    // The definition the run will use (read once, here, and handed to the run), or the problem: 404 for a name no
    // file defines, 409 (with the file's errors) for a definition that cannot run.
    private async Task<(PipelineSnapshot? Definition, IResult? Problem)> ReadPipelineAsync(HttpRequest request, string pipeline, CancellationToken cancellationToken)
    {
        try
        {
            return (await _pipelines.GetSnapshotAsync(pipeline, cancellationToken).ConfigureAwait(false), null);
        }
        catch (PipelineDefinitionException ex) when (ex.Errors.Count > 0)
        {
            return (null, ApiProblems.InvalidPipeline(request, pipeline, ex.Errors));
        }
        catch (PipelineDefinitionException)
        {
            IReadOnlyList<PipelineParseResult> results = await _pipelines.LoadAsync(cancellationToken).ConfigureAwait(false);
            return (null, ApiProblems.UnknownPipeline(request, pipeline, results.Where(r => r.IsValid).Select(r => r.Definition!.Name)));
        }
    }
}
