using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Tests.Datasets;

public sealed class JsonlDatasetReaderTests
{
    [Fact]
    public async Task Items_carry_input_reference_labels_and_metadata()
    {
        const string text = """
            {"id": "t1", "input": "My invoice is wrong", "reference": "billing", "labels": ["billing"], "metadata": {"taskType": "classify", "priority": 2}}

            {"input": {"ticket": "Login fails"}, "reference": {"category": "auth"}}
            """;

        IReadOnlyList<EvalItem> items = await JsonlDatasetReader.ReadAsync(new StringReader(text), "items.jsonl");

        Assert.Equal(2, items.Count);
        Assert.Equal("t1", items[0].Id);
        Assert.Equal("billing", items[0].ReferenceText);
        Assert.Equal(["billing"], items[0].Labels);
        Assert.Equal("classify", items[0].Metadata["taskType"]);
        Assert.Equal("2", items[0].Metadata["priority"]);
        Assert.Equal("line-3", items[1].Id);
        Assert.Equal(3, items[1].Line);
        Assert.Equal("""{"ticket": "Login fails"}""", items[1].Input);
        Assert.Equal("""{"category": "auth"}""", items[1].ReferenceText);
    }

    [Theory]
    [InlineData("""{"reference": "x"}""", "input", "missing")]
    [InlineData("""{"input": ""}""", "input", "empty")]
    [InlineData("""{"input": 42}""", "input", "a number")]
    [InlineData("""{"input": "x", "labels": "billing"}""", "labels", "write an array of strings")]
    [InlineData("""{"input": "x", "labels": ["a", 3]}""", "labels[1]", "a number")]
    [InlineData("""{"input": "x", "metadata": {"tags": ["a"]}}""", "metadata.tags", "an array")]
    [InlineData("""{"input": "x", "refrence": "y"}""", "refrence", "unknown field")]
    [InlineData("""{"input": "x", "id": ""}""", "id", "non-empty")]
    public async Task A_bad_field_names_its_line_and_field_and_how_to_fix_it(string badLine, string field, string problem)
    {
        string text = "{\"input\": \"fine\"}\n{\"input\": \"also fine\"}\n" + badLine + "\n";

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => JsonlDatasetReader.ReadAsync(new StringReader(text), "items.jsonl"));

        Assert.Equal(3, ex.Line);
        Assert.Equal(field, ex.Field);
        Assert.StartsWith($"items.jsonl line 3, field '{field}': ", ex.Message);
        Assert.Contains(problem, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("{\"input\": \"x\"", "not valid JSON")]
    [InlineData("[1, 2]", "not an object")]
    public async Task A_line_that_is_not_an_object_names_its_line(string badLine, string problem)
    {
        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => JsonlDatasetReader.ReadAsync(new StringReader("{\"input\": \"ok\"}\n" + badLine), "d.jsonl"));

        Assert.Equal(2, ex.Line);
        Assert.Null(ex.Field);
        Assert.StartsWith("d.jsonl line 2: ", ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public async Task A_repeated_id_names_both_lines()
    {
        const string text = "{\"id\": \"a\", \"input\": \"x\"}\n{\"id\": \"b\", \"input\": \"y\"}\n{\"id\": \"a\", \"input\": \"z\"}";

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => JsonlDatasetReader.ReadAsync(new StringReader(text), "d.jsonl"));

        Assert.Equal(3, ex.Line);
        Assert.Equal("id", ex.Field);
        Assert.Contains("line 1", ex.Message);
    }

    [Fact]
    public async Task A_file_loads_under_its_name()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("alloy-ds-").FullName, "tickets.jsonl");
        await File.WriteAllTextAsync(path, "{\"input\": \"a\"}\n{\"input\": \"b\", \"labels\": 1}\n");

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => JsonlDatasetReader.LoadAsync(path));

        Assert.Equal("tickets.jsonl line 2, field 'labels': a number; write an array of strings", ex.Message);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
