using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>Evaluates a router rule on the input; pure and deterministic (non-backtracking regexes need no timeout).</summary>
internal static class RuleMatcher
{
    public const RegexOptions RegexOptions = System.Text.RegularExpressions.RegexOptions.IgnoreCase
        | System.Text.RegularExpressions.RegexOptions.CultureInvariant
        | System.Text.RegularExpressions.RegexOptions.NonBacktracking;

    /// <summary>Returns why the rule matched, or null when it does not.</summary>
    public static string? Match(RouteRule rule, string input)
    {
        var reasons = new List<string>();
        if (rule.MinLength is { } min)
        {
            if (input.Length < min)
            {
                return null;
            }

            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"length {input.Length} >= {min}"));
        }

        if (rule.MaxLength is { } max)
        {
            if (input.Length > max)
            {
                return null;
            }

            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"length {input.Length} <= {max}"));
        }

        if (rule.Regex is { } pattern)
        {
            if (!Regex.IsMatch(input, pattern, RegexOptions))
            {
                return null;
            }

            reasons.Add($"regex /{pattern}/ matched");
        }

        if (rule.Keywords is { Count: > 0 } keywords)
        {
            string? keyword = keywords.FirstOrDefault(k => input.Contains(k, StringComparison.OrdinalIgnoreCase));
            if (keyword is null)
            {
                return null;
            }

            reasons.Add($"keyword '{keyword}'");
        }

        if (rule.Fields is { Count: > 0 } fields)
        {
            foreach ((string path, string expected) in fields)
            {
                string? actual = FieldValue(input, path);
                if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                reasons.Add($"field {path} = '{expected}'");
            }
        }

        return string.Join(", ", reasons);
    }

    internal static string? FieldValue(string input, string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(input);
            JsonElement current = document.RootElement;
            foreach (string segment in path.Split('.'))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
                {
                    return null;
                }
            }

            return current.ValueKind == JsonValueKind.String ? current.GetString() : current.GetRawText();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
