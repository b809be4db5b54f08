using System.Text.RegularExpressions;
using ModelAlloy.Models;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>
/// Where a structured answer broke its schema. The gateway checks every answer against the request's schema and
/// reports the first violations per attempt as <c>#/path: Kind</c>; this turns the last one into <c>$.path (Kind)</c>.
/// </summary>
internal static partial class HandoffViolation
{
    private const string InvalidStructuredOutput = "InvalidStructuredOutput";

    /// <summary>Returns the violation of the last attempt that broke the schema, or null when no attempt did.</summary>
    public static string? Describe(ModelCallFailedException failure)
    {
        ModelAttemptSummary? attempt = failure.Attempts.LastOrDefault(a => a.Outcome == InvalidStructuredOutput);
        if (attempt?.Message is not { } message)
        {
            return null;
        }

        Match match = SchemaError().Match(message);
        if (match.Success)
        {
            string path = match.Groups["path"].Value.TrimStart('#').TrimStart('/');
            return $"{(path.Length == 0 ? "$" : "$." + path)} ({match.Groups["kind"].Value})";
        }

        return $"$ ({message})";
    }

    [GeneratedRegex(@"(?<path>#[^\s:;]*): (?<kind>\w+)")]
    private static partial Regex SchemaError();
}
