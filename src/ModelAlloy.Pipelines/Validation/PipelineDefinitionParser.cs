using System.Text.Json;
using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Validation;

/// <summary>
/// Reads a definition in three passes, each with errors that name file, JSON path and reason: the raw document
/// (syntax, stage kinds, embedded JSON Schemas), the typed model (missing or unknown properties, wrong types), then
/// the rules between stages (<see cref="PipelineDefinitionValidator"/>). Pure: the orchestrator may call it too.
/// </summary>
internal static class PipelineDefinitionParser
{
    public static PipelineParseResult Parse(PipelineDocument document, ModelCatalogNames? catalog)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<PipelineDefinitionError>();
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(document.Content, PipelineJson.DocumentOptions);
        }
        catch (JsonException ex)
        {
            errors.Add(new(document.Source, "$", $"not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}"));
            return new PipelineParseResult(document, null, errors);
        }

        using (json)
        {
            CheckDocument(document.Source, json.RootElement, errors);
            if (errors.Count > 0)
            {
                return new PipelineParseResult(document, null, errors);
            }

            PipelineDefinition? definition;
            try
            {
                definition = json.RootElement.Deserialize<PipelineDefinition>(PipelineJson.Options);
            }
            catch (JsonException ex)
            {
                errors.Add(new(document.Source, ex.Path ?? "$", FirstSentence(ex.Message)));
                return new PipelineParseResult(document, null, errors);
            }

            if (definition is null)
            {
                errors.Add(new(document.Source, "$", "the definition is null; write an object with 'name' and 'stages'"));
                return new PipelineParseResult(document, null, errors);
            }

            errors.AddRange(PipelineDefinitionValidator.Validate(document.Source, definition, catalog));
            return new PipelineParseResult(document, errors.Count == 0 ? definition : null, errors);
        }
    }

    private static void CheckDocument(string source, JsonElement root, List<PipelineDefinitionError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(source, "$", "a pipeline definition is a JSON object with 'name' and 'stages'"));
            return;
        }

        if (!root.TryGetProperty("stages", out JsonElement stages) || stages.ValueKind != JsonValueKind.Array || stages.GetArrayLength() == 0)
        {
            errors.Add(new(source, "$.stages", "a pipeline needs a non-empty 'stages' array"));
            return;
        }

        int index = 0;
        foreach (JsonElement stage in stages.EnumerateArray())
        {
            string path = $"$.stages[{index++}]";
            if (stage.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(source, path, "a stage is a JSON object with 'id' and 'kind'"));
                continue;
            }

            if (!stage.TryGetProperty("kind", out JsonElement kind) || kind.ValueKind != JsonValueKind.String)
            {
                errors.Add(new(source, path + ".kind", $"missing stage kind; use one of: {string.Join(", ", StageKinds.All)}"));
            }
            else if (!StageKinds.All.Contains(kind.GetString(), StringComparer.Ordinal))
            {
                errors.Add(new(source, path + ".kind", $"unknown stage kind '{kind.GetString()}'; use one of: {string.Join(", ", StageKinds.All)}"));
            }
        }

        CheckEmbeddedSchemas(source, root, "$", errors);
    }

    // Every "jsonSchema" anywhere in the document must parse as a JSON Schema, so a typo fails at load, not mid-run.
    private static void CheckEmbeddedSchemas(string source, JsonElement element, string path, List<PipelineDefinitionError> errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                string child = path + "." + property.Name;
                if (property.NameEquals("jsonSchema"))
                {
                    if (JsonSchemaText.TryParse(property.Value, out string? reason))
                    {
                        continue;
                    }

                    errors.Add(new(source, child, $"the embedded JSON Schema does not parse: {reason}"));
                }
                else
                {
                    CheckEmbeddedSchemas(source, property.Value, child, errors);
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                CheckEmbeddedSchemas(source, item, $"{path}[{index++}]", errors);
            }
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
