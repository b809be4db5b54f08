namespace ModelAlloy.Pipelines.Research;

/// <summary>The embedded corpus: a folder of <c>.md</c>, <c>.txt</c> and <c>.jsonl</c> documents indexed by Lucene.Net.</summary>
public sealed class LocalCorpusOptions
{
    /// <summary>Gets or sets the corpus folder (relative: to the working directory, then to the application's folder).</summary>
    public string Folder { get; set; } = Path.Combine("samples", "research", "corpus");

    /// <summary>Gets or sets a folder to keep the index in (rebuilt at startup); unset: in memory.</summary>
    public string? IndexFolder { get; set; }
}
