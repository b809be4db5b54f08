using Microsoft.AspNetCore.Http;
using ModelAlloy.Api;

namespace ModelAlloy.Functions.Api;

/// <summary>The report routes of the HTTP API as HTTP triggers (function key on each) over <see cref="AlloyApi"/>.</summary>
/// <param name="api">The handlers (registered by <c>AddModelAlloyApi</c>).</param>
public sealed class ReportFunctions(AlloyApi api)
{
    /// <summary><c>GET /api/pipelines</c>.</summary>
    public const string PipelinesName = "Api_ListPipelines";

    /// <summary><c>GET /api/costs</c>.</summary>
    public const string CostsName = "Api_GetCosts";

    /// <summary><c>GET /api/dashboard</c>.</summary>
    public const string DashboardName = "Api_GetDashboard";

    /// <summary>The pipelines and their validity (<see cref="AlloyApi.ListPipelinesAsync"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>200 with the list.</returns>
    [Function(PipelinesName)]
    public Task<IResult> ListPipelinesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Pipelines)] HttpRequest request,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return api.ListPipelinesAsync(request, context.CancellationToken);
    }

    /// <summary>Cost aggregates from the ledger (<see cref="AlloyApi.GetCostsAsync"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>200 with the costs, or 400.</returns>
    [Function(CostsName)]
    public Task<IResult> GetCostsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Costs)] HttpRequest request,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return api.GetCostsAsync(request, context.CancellationToken);
    }

    /// <summary>The HTML cost dashboard (<see cref="AlloyApi.GetDashboardAsync"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>200 with the page, or 400.</returns>
    [Function(DashboardName)]
    public Task<IResult> GetDashboardAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Dashboard)] HttpRequest request,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return api.GetDashboardAsync(request, context.CancellationToken);
    }
}
