namespace ModelAlloy.Evaluation.Datasets;

/// <summary>
/// A dataset line that cannot be used. The message is one line: where (file, line, field), what was wrong and how
/// to fix it, e.g. <c>items.jsonl line 7, field 'input': missing; every item needs a non-empty string 'input'</c>.
/// </summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file (or other source) name.</param>
    /// <param name="line">The 1-based line number.</param>
    /// <param name="field">The field at fault, or null when the whole line is.</param>
    /// <param name="problem">What was wrong and how to fix it.</param>
    public DatasetFormatException(string source, int line, string? field, string problem)
        : base(field is null ? $"{source} line {line}: {problem}" : $"{source} line {line}, field '{field}': {problem}")
    {
        Source = source;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>Gets the file (or other source) name.</summary>
    public new string Source { get; }

    /// <summary>Gets the 1-based line number.</summary>
    public int Line { get; }

    /// <summary>Gets the field at fault, or null when the whole line is.</summary>
    public string? Field { get; }

    /// <summary>Gets what was wrong and how to fix it.</summary>
    public string Problem { get; }
}
