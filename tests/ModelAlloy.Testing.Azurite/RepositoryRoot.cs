namespace ModelAlloy.Testing.Azurite;

/// <summary>Finds the repository root: the nearest folder above the running tests that holds ModelAlloy.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>The folder holding ModelAlloy.sln, searched upwards from <paramref name="start"/> (default: the test binaries).</summary>
    public static string Find(string? start = null)
    {
        var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory);
        for (; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelAlloy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"ModelAlloy.sln was not found above '{start ?? AppContext.BaseDirectory}'; run the tests from a clone of the repository " +
            $"or set {AzuriteFixture.ConnectionVariable} to a storage connection string.");
    }
}
