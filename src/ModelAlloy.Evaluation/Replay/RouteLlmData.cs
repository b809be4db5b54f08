using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Replay;

/// <summary>
/// Loads RouteLLM's recorded MMLU outcomes: one <c>mmlu_{subject}.csv</c> per subject under <c>{root}/mmlu</c>, with
/// columns <c>prompt</c>, the weak model's and the strong model's correctness (<c>True</c>/<c>False</c>).
/// </summary>
public static class RouteLlmData
{
    /// <summary>The environment variable that overrides where the data is.</summary>
    public const string EnvironmentVariable = "MODELALLOY_ROUTELLM_DATA";

    /// <summary>The weak model's column: Mixtral-8x7B-Instruct.</summary>
    public const string WeakColumn = "mistralai/Mixtral-8x7B-Instruct-v0.1";

    /// <summary>The strong model's column: GPT-4-1106-preview.</summary>
    public const string StrongColumn = "gpt-4-1106-preview";

    /// <summary>
    /// Finds the data: <paramref name="explicitPath"/> when given, else <see cref="EnvironmentVariable"/>, else
    /// <c>../shared/data/routellm</c> relative to the repository root (the nearest folder above
    /// <paramref name="startDirectory"/> holding <c>ModelAlloy.sln</c>).
    /// </summary>
    /// <param name="explicitPath">A path given on the command line, or null.</param>
    /// <param name="startDirectory">Where to start looking for the repository root; null uses the current directory, then the app's.</param>
    /// <returns>The data folder (not checked for existence).</returns>
    public static string Locate(string? explicitPath = null, string? startDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        foreach (string start in new[] { startDirectory ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ModelAlloy.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "routellm"));
                }
            }
        }

        return Path.GetFullPath(Path.Combine("..", "shared", "data", "routellm"));
    }

    /// <summary>Loads every subject (or only <paramref name="subjects"/>) in file-name order.</summary>
    /// <param name="root">The data folder (the one holding <c>mmlu/</c>).</param>
    /// <param name="subjects">Subjects to load, or null for all.</param>
    /// <param name="maxPerSubject">Keep at most this many rows per subject (the first ones), or null for all.</param>
    /// <returns>The outcomes.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder or its <c>mmlu/</c> is missing.</exception>
    /// <exception cref="DatasetFormatException">A file has a missing column or a value other than True/False.</exception>
    public static IReadOnlyList<RecordedOutcome> Load(string root, IReadOnlyCollection<string>? subjects = null, int? maxPerSubject = null)
    {
        string folder = Path.Combine(root, "mmlu");
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"RouteLLM data not found: '{folder}' does not exist; pass --data DIR (the folder holding mmlu/) or set {EnvironmentVariable}");
        }

        var files = Directory.GetFiles(folder, "mmlu_*.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new DirectoryNotFoundException($"RouteLLM data not found: '{folder}' holds no mmlu_*.csv files");
        }

        var outcomes = new List<RecordedOutcome>();
        foreach (string file in files)
        {
            string subject = Path.GetFileNameWithoutExtension(file)["mmlu_".Length..];
            if (subjects is null || subjects.Contains(subject))
            {
                outcomes.AddRange(LoadFile(file, subject, maxPerSubject ?? int.MaxValue));
            }
        }

        return outcomes;
    }

    private static List<RecordedOutcome> LoadFile(string file, string subject, int max)
    {
        string name = Path.GetFileName(file);
        using var reader = new StreamReader(file);
        using var records = CsvReader.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new DatasetFormatException(name, 1, null, "empty file; expected a header 'prompt,<weak>,<strong>'");
        }

        string[] header = records.Current.Fields;
        int prompt = Column(header, "prompt", name);
        int weak = Column(header, WeakColumn, name);
        int strong = Column(header, StrongColumn, name);
        var rows = new List<RecordedOutcome>();
        while (rows.Count < max && records.MoveNext())
        {
            (int line, string[] fields) = records.Current;
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Length != header.Length)
            {
                throw new DatasetFormatException(name, line, null, $"{fields.Length} fields where the header has {header.Length}; quote fields that hold commas");
            }

            rows.Add(new RecordedOutcome(
                $"{subject}:{rows.Count}",
                subject,
                fields[prompt],
                Bool(fields[weak], name, line, WeakColumn),
                Bool(fields[strong], name, line, StrongColumn)));
        }

        return rows;
    }

    private static int Column(string[] header, string column, string file)
    {
        int index = Array.IndexOf(header, column);
        return index >= 0
            ? index
            : throw new DatasetFormatException(file, 1, column, $"column missing from the header ({string.Join(", ", header)}); add it");
    }

    private static bool Bool(string text, string file, int line, string field) => text switch
    {
        "True" or "true" or "1" => true,
        "False" or "false" or "0" => false,
        _ => throw new DatasetFormatException(file, line, field, $"'{text}' is not a correctness flag; write True or False"),
    };
}
