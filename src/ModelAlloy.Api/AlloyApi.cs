using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Api;

/// <summary>
/// The HTTP API's handlers, written once for both hosts: <c>alloy serve</c> maps them with
/// <see cref="AlloyApiEndpointRouteBuilderExtensions.MapModelAlloyApi"/>, the Functions app's HTTP triggers call them.
/// Each takes the request and, where it needs one, the Durable Task client (the Functions host hands one to each
/// invocation) and answers an <see cref="Microsoft.AspNetCore.Http.IResult"/>: JSON, HTML, or RFC 9457 problem details.
/// </summary>
public sealed partial class AlloyApi
{
    private readonly PipelineLibrary _pipelines;
    private readonly ICostLedger _ledger;
    private readonly ModelCatalog? _catalog;
    private readonly AlloyApiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the handlers.</summary>
    /// <param name="pipelines">The pipeline definitions.</param>
    /// <param name="ledger">The cost ledger.</param>
    /// <param name="options">Limits and defaults.</param>
    /// <param name="catalog">The model catalog (tiers and the baseline on the dashboard), or null.</param>
    /// <param name="time">The clock (today's date for cost queries).</param>
    /// <param name="logger">The logger.</param>
    public AlloyApi(
        PipelineLibrary pipelines,
        ICostLedger ledger,
        IOptions<AlloyApiOptions> options,
        ModelCatalog? catalog = null,
        TimeProvider? time = null,
        ILogger<AlloyApi>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        _pipelines = pipelines;
        _ledger = ledger;
        _options = options.Value;
        _catalog = catalog;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
}
