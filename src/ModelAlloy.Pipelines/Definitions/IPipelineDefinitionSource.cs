namespace ModelAlloy.Pipelines.Definitions;

/// <summary>Where pipeline definitions live (a folder, a blob container); read afresh on every call.</summary>
public interface IPipelineDefinitionSource
{
    /// <summary>Reads every definition document.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The documents, in a stable order.</returns>
    Task<IReadOnlyList<PipelineDocument>> ReadAllAsync(CancellationToken cancellationToken);
}
