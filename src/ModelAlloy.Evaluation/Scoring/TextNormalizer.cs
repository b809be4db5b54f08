namespace ModelAlloy.Evaluation.Scoring;

/// <summary>How text is compared: trimmed, and case-insensitive unless asked otherwise.</summary>
internal static class TextNormalizer
{
    public static string Normalize(string text, bool ignoreCase) => ignoreCase ? text.Trim().ToLowerInvariant() : text.Trim();

    public static string Quote(string? text, int max = 60) =>
        text is null ? "(none)" : text.Length <= max ? $"'{text}'" : $"'{text[..max]}…'";
}
