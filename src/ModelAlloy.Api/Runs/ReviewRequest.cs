using System.Text.Json;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Api.Runs;

/// <summary>The body of <c>POST /api/runs/{id}/review</c>: <c>{"choice": 2}</c> (a candidate, from 1) or <c>{"text": "..."}</c>.</summary>
internal static class ReviewRequest
{
    public const string Example = """{"choice": 1} or {"text": "..."}""";

    /// <summary>Reads the answer against the review the run asks for, or says which fields are wrong.</summary>
    public static (PipelineReviewAnswer? Answer, Dictionary<string, string[]> Errors) Read(JsonElement body, PipelineReviewRequest review)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int? choice = null;
        string? text = null;
        foreach (JsonProperty property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "choice" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out int c) && c >= 1 && c <= review.Candidates.Count:
                    choice = c;
                    break;
                case "choice":
                    errors["choice"] = [$"must be a candidate's number, 1–{review.Candidates.Count}"];
                    break;
                case "text" when property.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(property.Value.GetString()):
                    text = property.Value.GetString();
                    break;
                case "text":
                    errors["text"] = ["must be a non-blank string: the answer the reviewer writes"];
                    break;
                default:
                    errors[property.Name] = ["is not a field of a review; send \"choice\" or \"text\""];
                    break;
            }
        }

        if (errors.Count == 0 && choice is null && text is null)
        {
            errors["choice"] = [$"or \"text\" is required: pick a candidate (1–{review.Candidates.Count}) or write the answer"];
        }

        return (errors.Count == 0 ? new PipelineReviewAnswer { Choice = choice, Text = text } : null, errors);
    }
}
