using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ModelAlloy.Api.Costs;
using ModelAlloy.Api.Http;
using ModelAlloy.Api.Pipelines;
using ModelAlloy.Models;

namespace ModelAlloy.Api;

/// <summary>What can run and what it cost: <c>/api/pipelines</c>, <c>/api/costs</c>, <c>/api/dashboard</c>.</summary>
public sealed partial class AlloyApi
{
    /// <summary>Every definition file: name, description, validity and, for an invalid one, its errors (file, JSON path, reason).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<IResult> ListPipelinesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var results = await _pipelines.LoadAsync(cancellationToken).ConfigureAwait(false);
        return new JsonResult(results.Select(PipelineSummary.From).OrderBy(p => p.Name, StringComparer.Ordinal).ToList(), StatusCodes.Status200OK);
    }

    /// <summary>
    /// The ledger's cost for <c>from</c>..<c>to</c> (UTC days, yyyy-MM-dd) per day by <c>by</c> (pipeline | task | model |
    /// provider) as JSON (<see cref="CostSummary"/>), or, with <c>Accept: text/plain</c>, the text report of <c>alloy costs</c>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<IResult> GetCostsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (CostQuery? query, Dictionary<string, string[]> errors) = CostQuery.Read(request.Query, Today, _options.CostDays, _options.MaxDays);
        if (query is null)
        {
            return ApiProblems.Invalid(request, errors);
        }

        List<CostRecord> records = await ReadLedgerAsync(query, cancellationToken).ConfigureAwait(false);
        return WantsText(request)
            ? TypedResults.Text(CostReport.Write(records, query.From, query.To), "text/plain; charset=utf-8")
            : new JsonResult(CostSummary.Of(records, query), StatusCodes.Status200OK);
    }

    /// <summary>The cost dashboard (<see cref="CostDashboard"/>): one self-contained HTML page over <c>from</c>..<c>to</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<IResult> GetDashboardAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (CostQuery? query, Dictionary<string, string[]> errors) = CostQuery.Read(request.Query, Today, _options.DashboardDays, _options.MaxDays);
        if (query is null)
        {
            return ApiProblems.Invalid(request, errors);
        }

        string html = await CostDashboard.RenderAsync(_ledger, query.From, query.To, _catalog, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TypedResults.Text(html, CostDashboard.ContentType);
    }

    private async Task<List<CostRecord>> ReadLedgerAsync(CostQuery query, CancellationToken cancellationToken)
    {
        var records = new List<CostRecord>();
        await foreach (CostRecord record in _ledger.QueryAsync(query.From, query.To, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records;
    }

    // Plain text only when asked for it over JSON: no Accept, */* or application/json get JSON.
    private static bool WantsText(HttpRequest request)
    {
        IList<MediaTypeHeaderValue> accept = request.GetTypedHeaders().Accept;
        MediaTypeHeaderValue? best = accept.OrderByDescending(a => a.Quality ?? 1).FirstOrDefault(a => a.MediaType.Value is "text/plain" or "application/json" or "*/*");
        return best?.MediaType.Value == "text/plain";
    }
}
