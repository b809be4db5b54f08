namespace ModelAlloy.Batches.Items;

/// <summary>One item of a batch: its id (unique in the batch) and the pipeline's input.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Input">The input text (a JSON object's text for field rules).</param>
public sealed record BatchItem(string Id, string Input);
