namespace ModelAlloy.Models;

/// <summary>Reads secrets by name. The default reads environment variables; tests substitute a dictionary.</summary>
public interface ISecretSource
{
    /// <summary>Returns the secret stored under <paramref name="name"/>, or null when it is not set.</summary>
    string? Get(string name);
}

/// <summary>Reads secrets from environment variables.</summary>
internal sealed class EnvironmentSecretSource : ISecretSource
{
    public string? Get(string name)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
