using Microsoft.AspNetCore.Http;

namespace ModelAlloy.Api.Runs;

/// <summary>
/// Durable Functions' management payload (the body of a starter's 202), camelCase as Durable Functions' HTTP API
/// documents it, with URIs on this API's own routes: status (<c>GET</c>), the one event a pipeline run waits for, a
/// person's review (<c>POST</c>), terminate (<c>POST</c>, <c>reason</c> in the query) and purge (<c>DELETE</c>).
/// </summary>
/// <param name="Id">The instance id.</param>
/// <param name="StatusQueryGetUri">Where to poll the status.</param>
/// <param name="SendEventPostUri">Where to send the review a waiting run asks for.</param>
/// <param name="TerminatePostUri">Where to terminate the run (<c>{text}</c>: the reason).</param>
/// <param name="PurgeHistoryDeleteUri">Where to purge the run's history.</param>
public sealed record RunManagementPayload(string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri, string PurgeHistoryDeleteUri)
{
    /// <summary>The payload of <paramref name="instanceId"/>, absolute on the host and scheme <paramref name="request"/> came in on.</summary>
    /// <param name="request">The request (its scheme, host and path base; its <c>code</c> query value, a Functions key, is carried over).</param>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The payload.</returns>
    public static RunManagementPayload For(HttpRequest request, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        string run = $"{request.Scheme}://{request.Host}{request.PathBase}/{ApiRoutes.Prefix}/runs/{Uri.EscapeDataString(instanceId)}";

        // A caller that authenticated with ?code= (a function key) gets links that work as they are, as Durable
        // Functions' own links carry their key; a key sent in the x-functions-key header is never put into a URL.
        string code = request.Query.TryGetValue("code", out var key) && key.Count == 1 && !string.IsNullOrEmpty(key[0])
            ? "code=" + Uri.EscapeDataString(key[0]!)
            : string.Empty;
        string Query(string? first = null) => (first, code) switch
        {
            (null, "") => string.Empty,
            (null, _) => "?" + code,
            (_, "") => "?" + first,
            _ => $"?{first}&{code}",
        };

        return new RunManagementPayload(
            instanceId,
            run + Query(),
            run + "/review" + Query(),
            run + "/terminate" + Query("reason={text}"),
            run + Query());
    }
}
