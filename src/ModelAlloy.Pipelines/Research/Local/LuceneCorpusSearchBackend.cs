using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ModelAlloy.Pipelines.Research;

/// <summary>
/// The default search backend: a folder of documents indexed by Lucene.Net (English analyzer, BM25) into memory or
/// a folder, once, on the first search; queries are read as plain words (OR), titles weigh double.
/// The analyzer is Lucene's English one (standard tokenizer, stop words, Porter stemming: "retried" finds "retries").
/// </summary>
public sealed class LuceneCorpusSearchBackend : ISearchBackend, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly LocalCorpusOptions _options;
    private readonly Lazy<(LuceneDirectory Directory, DirectoryReader Reader, EnglishAnalyzer Analyzer)> _index;

    /// <summary>Initializes a new instance of the <see cref="LuceneCorpusSearchBackend"/> class.</summary>
    /// <param name="options">The corpus folder and where the index lives.</param>
    public LuceneCorpusSearchBackend(LocalCorpusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _index = new Lazy<(LuceneDirectory, DirectoryReader, EnglishAnalyzer)>(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public string Name => SearchBackendNames.Local;

    /// <summary>Gets the number of documents indexed (builds the index).</summary>
    public int DocumentCount => _index.Value.Reader.NumDocs;

    /// <inheritdoc />
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        (_, DirectoryReader reader, EnglishAnalyzer analyzer) = _index.Value;
        var parser = new MultiFieldQueryParser(Version, ["title", "content"], analyzer, new Dictionary<string, float> { ["title"] = 2f, ["content"] = 1f })
        {
            DefaultOperator = Operator.OR,
        };
        string escaped = QueryParserBase.Escape(query);
        if (string.IsNullOrWhiteSpace(escaped))
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        Query parsed;
        try
        {
            parsed = parser.Parse(escaped);
        }
        catch (ParseException)
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        TopDocs found = searcher.Search(parsed, Math.Max(1, top));
        IReadOnlyList<SearchHit> hits = found.ScoreDocs.Select(d =>
        {
            Document document = searcher.Doc(d.Doc);
            return new SearchHit { Id = document.Get("id"), Title = document.Get("title"), Url = document.Get("url") is { Length: > 0 } url ? url : null, Content = document.Get("content"), Score = d.Score };
        }).ToList();
        return Task.FromResult(hits);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_index.IsValueCreated)
        {
            _index.Value.Reader.Dispose();
            _index.Value.Directory.Dispose();
            _index.Value.Analyzer.Dispose();
        }
    }

    private static string Resolve(string folder) =>
        Path.IsPathRooted(folder) || System.IO.Directory.Exists(folder) ? Path.GetFullPath(folder) : Path.Combine(AppContext.BaseDirectory, folder);

    private (LuceneDirectory, DirectoryReader, EnglishAnalyzer) Build()
    {
        string folder = Resolve(_options.Folder);
        if (!System.IO.Directory.Exists(folder))
        {
            throw new SearchConfigurationException($"local search corpus folder '{_options.Folder}' does not exist; set {SearchOptions.SectionName}:Local:Folder to a folder of .md, .txt or .jsonl documents");
        }

        LuceneDirectory directory = _options.IndexFolder is { Length: > 0 } indexFolder ? FSDirectory.Open(indexFolder) : new RAMDirectory();
        var analyzer = new EnglishAnalyzer(Version);
        var config = new IndexWriterConfig(Version, analyzer) { OpenMode = OpenMode.CREATE, Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (CorpusDocument document in CorpusReader.Read(folder))
            {
                writer.AddDocument(new Document
                {
                    new StringField("id", document.Id, Field.Store.YES),
                    new TextField("title", document.Title, Field.Store.YES),
                    new StoredField("url", document.Url ?? string.Empty),
                    new TextField("content", document.Content, Field.Store.YES),
                });
            }

            writer.Commit();
        }

        return (directory, DirectoryReader.Open(directory), analyzer);
    }
}
