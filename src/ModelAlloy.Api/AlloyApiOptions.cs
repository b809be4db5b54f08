using System.ComponentModel.DataAnnotations;

namespace ModelAlloy.Api;

/// <summary>Limits and defaults of the HTTP API (section <see cref="SectionName"/>).</summary>
public sealed class AlloyApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ModelAlloy:Api";

    /// <summary>Gets or sets the largest request body accepted, in bytes (default 256 KiB); larger answers 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Gets or sets how many days <c>GET /api/costs</c> covers when <c>from</c> is not given (ending <c>to</c>).</summary>
    [Range(1, 366)]
    public int CostDays { get; set; } = 7;

    /// <summary>Gets or sets how many days <c>GET /api/dashboard</c> covers when <c>from</c> is not given.</summary>
    [Range(1, 366)]
    public int DashboardDays { get; set; } = 30;

    /// <summary>Gets or sets the longest range a cost query may ask for, in days.</summary>
    [Range(1, 3660)]
    public int MaxDays { get; set; } = 366;

    /// <summary>Gets or sets the seconds a poller is asked to wait (<c>Retry-After</c>) while a run is in progress.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 2;
}
