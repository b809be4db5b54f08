using Microsoft.AspNetCore.Http;

namespace ModelAlloy.Api.Http;

/// <summary>
/// A JSON answer written with <see cref="ApiJson"/> whatever the host's JSON settings, with the polling headers of
/// Durable Functions' asynchronous pattern: <c>Location</c> (where to poll) and <c>Retry-After</c> (how long to wait).
/// </summary>
/// <param name="Value">The body.</param>
/// <param name="StatusCode">The status.</param>
/// <param name="Location">The <c>Location</c> header, or null.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> header, or null.</param>
internal sealed record JsonResult(object Value, int StatusCode, string? Location = null, int? RetryAfterSeconds = null) : IResult, IStatusCodeHttpResult
{
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>Extra headers (e.g. <c>Idempotent-Replayed</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        HttpResponse response = httpContext.Response;
        response.StatusCode = StatusCode;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach ((string name, string value) in Headers)
        {
            response.Headers[name] = value;
        }

        return response.WriteAsJsonAsync(Value, Value.GetType(), ApiJson.Options, "application/json; charset=utf-8", httpContext.RequestAborted);
    }
}
