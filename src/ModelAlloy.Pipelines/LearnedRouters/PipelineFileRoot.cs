namespace ModelAlloy.Pipelines.LearnedRouters;

/// <summary>The folder relative file names in definitions (a learned router's model) are resolved against: the pipelines folder.</summary>
/// <param name="Folder">The folder.</param>
public sealed record PipelineFileRoot(string Folder)
{
    /// <summary>Resolves a file name of a definition.</summary>
    /// <param name="path">The name as written.</param>
    /// <returns>The full path.</returns>
    public string Resolve(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Folder, path));
}
