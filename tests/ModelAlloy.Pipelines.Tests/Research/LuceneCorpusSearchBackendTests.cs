using ModelAlloy.Pipelines.Research;

namespace ModelAlloy.Pipelines.Tests.Research;

/// <summary>The embedded corpus on real Lucene.Net: .md, .txt and .jsonl documents, BM25 ranking, in memory or in a folder.</summary>
public sealed class LuceneCorpusSearchBackendTests : IDisposable
{
    private readonly string _corpus = Directory.CreateTempSubdirectory("alloy-corpus-").FullName;
    private readonly string _index = Directory.CreateTempSubdirectory("alloy-index-").FullName;

    public LuceneCorpusSearchBackendTests()
    {
        File.WriteAllText(Path.Combine(_corpus, "timers.md"), "# Durable timers\n\nA durable timer delays an orchestration without using compute.");
        File.WriteAllText(Path.Combine(_corpus, "retries.txt"), "Retry policies set the number of attempts and the backoff between them.");
        Directory.CreateDirectory(Path.Combine(_corpus, "more"));
        File.WriteAllLines(Path.Combine(_corpus, "more", "web.jsonl"),
        [
            """{"id":"hub-1","title":"Task hubs","url":"https://example.test/hubs","content":"A task hub holds the queues and tables of an app."}""",
            "",
            """{"title":"Entities","text":"Entities process operations one at a time."}""",
        ]);
    }

    public void Dispose()
    {
        Directory.Delete(_corpus, recursive: true);
        Directory.Delete(_index, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Best_matching_document_comes_first_with_its_title_id_and_address(bool inFolder)
    {
        using var backend = new LuceneCorpusSearchBackend(new LocalCorpusOptions { Folder = _corpus, IndexFolder = inFolder ? _index : null });

        IReadOnlyList<SearchHit> hits = await backend.SearchAsync("how does a durable timer delay work?", 2, TestTimeout.Token());

        Assert.Equal(4, backend.DocumentCount);
        Assert.Equal(("timers.md", "Durable timers", "timers.md"), (hits[0].Id, hits[0].Title, hits[0].Url));
        Assert.Contains("without using compute", hits[0].Content, StringComparison.Ordinal);
        Assert.True(hits.Count <= 2);
        Assert.Equal(inFolder, Directory.EnumerateFiles(_index).Any());
    }

    [Fact]
    public async Task Jsonl_lines_are_documents_with_their_own_id_title_and_url()
    {
        using var backend = new LuceneCorpusSearchBackend(new LocalCorpusOptions { Folder = _corpus });

        SearchHit hub = (await backend.SearchAsync("task hub queues", 1, TestTimeout.Token())).Single();
        SearchHit entity = (await backend.SearchAsync("entities operations", 1, TestTimeout.Token())).Single();

        Assert.Equal(("hub-1", "Task hubs", "https://example.test/hubs"), (hub.Id, hub.Title, hub.Url));
        Assert.Equal(("more/web.jsonl#3", "Entities", "Entities process operations one at a time."), (entity.Id, entity.Title, entity.Content));
    }

    [Fact]
    public async Task Query_syntax_characters_are_read_as_words_and_no_match_is_empty()
    {
        using var backend = new LuceneCorpusSearchBackend(new LocalCorpusOptions { Folder = _corpus });

        Assert.Equal("retries.txt", (await backend.SearchAsync("retry: \"attempts\" AND (backoff", 1, TestTimeout.Token())).Single().Id);
        Assert.Empty(await backend.SearchAsync("zebra", 3, TestTimeout.Token()));
        Assert.Empty(await backend.SearchAsync("?!", 3, TestTimeout.Token()));
    }

    [Fact]
    public async Task Shipped_corpus_answers_its_sample_question_with_the_expected_document()
    {
        using var backend = new LuceneCorpusSearchBackend(new LocalCorpusOptions());

        IReadOnlyList<SearchHit> hits = await backend.SearchAsync("How are failing activity calls retried?", 3, TestTimeout.Token());

        Assert.True(backend.DocumentCount >= 30, $"{backend.DocumentCount} documents");
        Assert.Equal("activity-retries.md", hits[0].Id);
    }

    public static TheoryData<string, string> SampleQuestions()
    {
        var data = new TheoryData<string, string>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "samples", "research", "questions.jsonl")))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            data.Add(json.RootElement.GetProperty("input").GetString()!, string.Join(",", json.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString())));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleQuestions))]
    public async Task Every_sample_question_finds_a_labelled_document_in_its_top_three(string question, string labels)
    {
        using var backend = new LuceneCorpusSearchBackend(new LocalCorpusOptions());

        IReadOnlyList<SearchHit> hits = await backend.SearchAsync(question, 3, TestTimeout.Token());

        Assert.True(hits.Any(h => labels.Split(',').Contains(h.Id)), $"top 3: {string.Join(", ", hits.Select(h => h.Id))}; labelled: {labels}");
    }

    [Fact]
    public async Task Missing_corpus_folder_is_a_configuration_error_saying_which_setting()
    {
        using var backend = new LuceneCorpusSearchBackend(new LocalCorpusOptions { Folder = Path.Combine(_corpus, "nope") });

        var error = await Assert.ThrowsAsync<SearchConfigurationException>(() => backend.SearchAsync("timers", 3, TestTimeout.Token()));

        Assert.Contains("ModelAlloy:Search:Local:Folder", error.Message, StringComparison.Ordinal);
    }
}
