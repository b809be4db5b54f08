using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ModelAlloy.Api.Http;

/// <summary>
/// Every error the API answers, as RFC 9457 problem details (<c>application/problem+json</c>): the status, a title
/// per kind of problem, a <c>detail</c> saying what was wrong and how to fix it, and the request path as <c>instance</c>.
/// </summary>
internal static class ApiProblems
{
    public static ValidationProblem Invalid(HttpRequest request, string field, string reason) =>
        Invalid(request, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [reason] });

    /// <summary>400 with <c>errors</c> naming each wrong field (ASP.NET Core's validation shape).</summary>
    public static ValidationProblem Invalid(HttpRequest request, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")),
            instance: request.Path,
            title: "The request is invalid.");

    public static ProblemHttpResult TooLarge(HttpRequest request, int maxBytes) =>
        Problem(request, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
            $"the body is larger than {maxBytes} bytes; send a smaller input (the limit is {AlloyApiOptions.SectionName}:{nameof(AlloyApiOptions.MaxBodyBytes)})");

    public static ProblemHttpResult UnknownPipeline(HttpRequest request, string name, IEnumerable<string> known) =>
        Problem(request, StatusCodes.Status404NotFound, "The pipeline does not exist.",
            $"pipeline '{name}' is not defined; known: {string.Join(", ", known)} (GET /{ApiRoutes.Prefix}/{ApiRoutes.Pipelines} lists them)");

    public static ProblemHttpResult InvalidPipeline(HttpRequest request, string name, IEnumerable<object> errors) =>
        Problem(request, StatusCodes.Status409Conflict, "The pipeline's definition is invalid.",
            $"pipeline '{name}' cannot run until its definition is fixed (see errors)", new Dictionary<string, object?> { ["errors"] = errors.ToList() });

    public static ProblemHttpResult UnknownRun(HttpRequest request, string id) =>
        Problem(request, StatusCodes.Status404NotFound, "The run does not exist.", $"no pipeline run has id '{id}' (it was never started, or it was purged)");

    public static ProblemHttpResult Conflict(HttpRequest request, string title, string detail) =>
        Problem(request, StatusCodes.Status409Conflict, title, detail);

    public static ProblemHttpResult Gone(HttpRequest request, string title, string detail) =>
        Problem(request, StatusCodes.Status410Gone, title, detail);

    public static ProblemHttpResult KeyReused(HttpRequest request, string detail) =>
        Problem(request, StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for a different request.", detail);

    private static ProblemHttpResult Problem(HttpRequest request, int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, instance: request.Path, statusCode: status, title: title, extensions: extensions);
}
