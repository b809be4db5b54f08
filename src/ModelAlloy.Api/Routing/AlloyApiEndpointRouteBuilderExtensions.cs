using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ModelAlloy.Api;

/// <summary>Maps the HTTP API on an ASP.NET Core host (<c>alloy serve</c>, tests).</summary>
public static class AlloyApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every route of <see cref="ApiRoutes"/> under <c>/api</c> to <see cref="AlloyApi"/>; the services must hold
    /// the API (<c>AddModelAlloyApi</c>) and a <see cref="DurableTaskClient"/>.
    /// </summary>
    /// <param name="endpoints">The endpoints.</param>
    /// <returns>The group, for conventions (authorization, rate limits).</returns>
    public static RouteGroupBuilder MapModelAlloyApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder api = endpoints.MapGroup("/" + ApiRoutes.Prefix).WithTags("ModelAlloy");
        api.MapGet(ApiRoutes.Pipelines, (HttpRequest request, [FromServices] AlloyApi handlers, CancellationToken ct) =>
            handlers.ListPipelinesAsync(request, ct));
        api.MapPost(ApiRoutes.PipelineRuns, (string name, HttpRequest request, [FromServices] AlloyApi handlers, [FromServices] DurableTaskClient client, CancellationToken ct) =>
            handlers.StartRunAsync(request, client, name, ct));
        api.MapGet(ApiRoutes.Run, (string id, HttpRequest request, [FromServices] AlloyApi handlers, [FromServices] DurableTaskClient client, CancellationToken ct) =>
            handlers.GetRunAsync(request, client, id, ct));
        api.MapDelete(ApiRoutes.Run, (string id, HttpRequest request, [FromServices] AlloyApi handlers, [FromServices] DurableTaskClient client, CancellationToken ct) =>
            handlers.PurgeRunAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.RunReview, (string id, HttpRequest request, [FromServices] AlloyApi handlers, [FromServices] DurableTaskClient client, CancellationToken ct) =>
            handlers.ReviewRunAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.RunTerminate, (string id, HttpRequest request, [FromServices] AlloyApi handlers, [FromServices] DurableTaskClient client, CancellationToken ct) =>
            handlers.TerminateRunAsync(request, client, id, ct));
        api.MapGet(ApiRoutes.Costs, (HttpRequest request, [FromServices] AlloyApi handlers, CancellationToken ct) =>
            handlers.GetCostsAsync(request, ct));
        api.MapGet(ApiRoutes.Dashboard, (HttpRequest request, [FromServices] AlloyApi handlers, CancellationToken ct) =>
            handlers.GetDashboardAsync(request, ct));
        return api;
    }
}
