namespace ModelAlloy.Api;

/// <summary>
/// The API's routes, relative to the <c>/api</c> prefix both hosts serve them under (the Functions host's default
/// route prefix; <c>alloy serve</c> maps a group with it), and the absolute management URIs a 202 hands out.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The prefix of every route.</summary>
    public const string Prefix = "api";

    /// <summary><c>GET</c>: the pipelines and their validity.</summary>
    public const string Pipelines = "pipelines";

    /// <summary><c>POST</c>: starts a run of the pipeline <c>{name}</c>.</summary>
    public const string PipelineRuns = "pipelines/{name}/runs";

    /// <summary><c>GET</c>: a run's status; <c>DELETE</c>: purges it.</summary>
    public const string Run = "runs/{id}";

    /// <summary><c>POST</c>: a person's review of a waiting run.</summary>
    public const string RunReview = "runs/{id}/review";

    /// <summary><c>POST</c>: terminates a run.</summary>
    public const string RunTerminate = "runs/{id}/terminate";

    /// <summary><c>GET</c>: cost aggregates from the ledger.</summary>
    public const string Costs = "costs";

    /// <summary><c>GET</c>: the HTML cost dashboard.</summary>
    public const string Dashboard = "dashboard";
}
