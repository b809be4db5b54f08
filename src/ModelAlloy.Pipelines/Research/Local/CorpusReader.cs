using System.Text.Json;

namespace ModelAlloy.Pipelines.Research;

/// <summary>Reads a corpus folder: each <c>.md</c>/<c>.txt</c> file is a document; each line of a <c>.jsonl</c> file is one (<c>id</c>, <c>title</c>, <c>url</c>, <c>content</c> or <c>text</c>).</summary>
internal static class CorpusReader
{
    public static IEnumerable<CorpusDocument> Read(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            string extension = Path.GetExtension(file).ToLowerInvariant();
            if (extension is ".md" or ".txt")
            {
                string content = File.ReadAllText(file);
                yield return new CorpusDocument(relative, TitleOf(content) ?? Path.GetFileNameWithoutExtension(file), relative, content);
            }
            else if (extension == ".jsonl")
            {
                int line = 0;
                foreach (string text in File.ReadLines(file))
                {
                    line++;
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        yield return FromJson(relative, line, text);
                    }
                }
            }
        }
    }

    private static CorpusDocument FromJson(string file, int line, string text)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(text);
            JsonElement root = json.RootElement;
            string? Get(string name) => root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            string id = Get("id") ?? $"{file}#{line}";
            return new CorpusDocument(id, Get("title") ?? id, Get("url") ?? $"{file}#{line}", Get("content") ?? Get("text") ?? string.Empty);
        }
        catch (JsonException ex)
        {
            throw new SearchConfigurationException($"local search corpus: {file} line {line} is not a JSON object ({ex.Message}); fix or remove the line");
        }
    }

    private static string? TitleOf(string markdown)
    {
        using var reader = new StringReader(markdown);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.StartsWith('#'))
            {
                return line.TrimStart('#').Trim();
            }
        }

        return null;
    }
}
