using Microsoft.AspNetCore.Http;
using ModelAlloy.Api;

namespace ModelAlloy.Functions.Api;

/// <summary>
/// The run routes of the HTTP API as HTTP triggers (function key on each), one line each over <see cref="AlloyApi"/>:
/// the same handlers <c>alloy serve</c> maps, so both hosts answer the same payloads, including the 202 of a start
/// (camelCase, URIs on <c>/api/runs/{id}</c>) rather than <c>CreateCheckStatusResponseAsync</c>'s webhook URIs.
/// </summary>
/// <param name="api">The handlers (registered by <c>AddModelAlloyApi</c>).</param>
public sealed class RunFunctions(AlloyApi api)
{
    /// <summary><c>POST /api/pipelines/{name}/runs</c>.</summary>
    public const string StartName = "Api_StartRun";

    /// <summary><c>GET /api/runs/{id}</c>.</summary>
    public const string StatusName = "Api_GetRun";

    /// <summary><c>POST /api/runs/{id}/review</c>.</summary>
    public const string ReviewName = "Api_ReviewRun";

    /// <summary><c>POST /api/runs/{id}/terminate</c>.</summary>
    public const string TerminateName = "Api_TerminateRun";

    /// <summary><c>DELETE /api/runs/{id}</c>.</summary>
    public const string PurgeName = "Api_PurgeRun";

    /// <summary>Starts a run (<see cref="AlloyApi.StartRunAsync"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>202 with the management payload, or problem details.</returns>
    [Function(StartName)]
    public Task<IResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.PipelineRuns)] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return api.StartRunAsync(request, client, name, context.CancellationToken);
    }

    /// <summary>A run's status (<see cref="AlloyApi.GetRunAsync"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The instance id.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>200 or 202 with the status, or 404.</returns>
    [Function(StatusName)]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Run)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return api.GetRunAsync(request, client, id, context.CancellationToken);
    }

    /// <summary>Sends a review to a waiting run (<see cref="AlloyApi.ReviewRunAsync"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The instance id.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>202, or problem details.</returns>
    [Function(ReviewName)]
    public Task<IResult> ReviewAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.RunReview)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return api.ReviewRunAsync(request, client, id, context.CancellationToken);
    }

    /// <summary>Terminates a run (<see cref="AlloyApi.TerminateRunAsync"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The instance id.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>202, or problem details.</returns>
    [Function(TerminateName)]
    public Task<IResult> TerminateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.RunTerminate)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return api.TerminateRunAsync(request, client, id, context.CancellationToken);
    }

    /// <summary>Purges an ended run (<see cref="AlloyApi.PurgeRunAsync"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The instance id.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>200, or problem details.</returns>
    [Function(PurgeName)]
    public Task<IResult> PurgeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = ApiRoutes.Run)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return api.PurgeRunAsync(request, client, id, context.CancellationToken);
    }
}
