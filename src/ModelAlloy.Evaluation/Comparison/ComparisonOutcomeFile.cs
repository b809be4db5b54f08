using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelAlloy.Evaluation.Comparison;

/// <summary>Outcomes files: JSONL, one <see cref="ComparisonOutcome"/> per line, in an outcomes folder.</summary>
public static class ComparisonOutcomeFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the outcomes as a new file in <paramref name="folder"/>.</summary>
    /// <param name="folder">The outcomes folder (created when missing).</param>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="name">The file's name without extension (default: <c>compare-{UTC time}</c>).</param>
    /// <returns>The file's path.</returns>
    public static string Write(string folder, IEnumerable<ComparisonOutcome> outcomes, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, (name ?? $"compare-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff'Z'}") + ".jsonl");
        File.WriteAllLines(path, outcomes.Select(o => JsonSerializer.Serialize(o, Json)));
        return path;
    }

    /// <summary>Reads every <c>*.jsonl</c> file of <paramref name="folder"/>, in file-name order.</summary>
    /// <param name="folder">The outcomes folder.</param>
    /// <returns>The outcomes.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not an outcome; the message names file and line.</exception>
    public static IReadOnlyList<ComparisonOutcome> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"outcomes folder '{folder}' not found; write one with: alloy compare --outcomes {folder} ...");
        }

        var outcomes = new List<ComparisonOutcome>();
        foreach (string path in Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            int line = 0;
            foreach (string text in File.ReadLines(path))
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                try
                {
                    outcomes.Add(JsonSerializer.Deserialize<ComparisonOutcome>(text, Json) ?? throw new JsonException("null"));
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"{Path.GetFileName(path)} line {line}: not an outcome ({ex.Message.Split('.')[0]}); outcomes files are written by alloy compare", ex);
                }
            }
        }

        return outcomes;
    }
}
