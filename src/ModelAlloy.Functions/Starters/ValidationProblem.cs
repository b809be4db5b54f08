using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Http;

namespace ModelAlloy.Functions.Starters;

/// <summary>
/// A 400 as RFC 9457 problem details (<c>application/problem+json</c>) in ASP.NET Core's validation shape:
/// <c>errors</c> maps each wrong field to its reasons, and <c>detail</c> names them in one sentence.
/// </summary>
internal static class ValidationProblem
{
    /// <summary>The media type of problem details.</summary>
    public const string ContentType = "application/problem+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the problem to a new 400 response of <paramref name="request"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="read">The refused ticket's errors by field.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The response.</returns>
    public static async Task<HttpResponseData> WriteAsync(HttpRequestData request, TicketReadResult read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);
        var problem = new HttpValidationProblemDetails(read.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "The ticket is invalid.",
            Status = (int)HttpStatusCode.BadRequest,
            Detail = read.Summary,
            Instance = request.Url.AbsolutePath,
        };
        HttpResponseData response = request.CreateResponse(HttpStatusCode.BadRequest);
        response.Headers.Add("Content-Type", ContentType);
        await JsonSerializer.SerializeAsync(response.Body, problem, Json, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
