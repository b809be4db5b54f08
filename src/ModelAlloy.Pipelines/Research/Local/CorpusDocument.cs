namespace ModelAlloy.Pipelines.Research;

/// <summary>One document of the local corpus.</summary>
/// <param name="Id">The id: the file's path in the corpus folder, or a JSONL line's <c>id</c>.</param>
/// <param name="Title">The title: the first Markdown heading (else the file name), or a JSONL line's <c>title</c>.</param>
/// <param name="Url">The address: the relative path, or a JSONL line's <c>url</c>.</param>
/// <param name="Content">The text.</param>
internal sealed record CorpusDocument(string Id, string Title, string? Url, string Content);
