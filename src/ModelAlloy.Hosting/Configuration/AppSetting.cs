namespace ModelAlloy.Hosting;

/// <summary>One configuration key the Functions app reads, or a section it binds to an options type.</summary>
/// <param name="Key">The configuration key (<c>:</c>-separated; as an app setting <c>__</c>-separated).</param>
/// <param name="Need">When a deployment must write it.</param>
/// <param name="ReadBy">Who reads it, e.g. "AddModelAlloy" or "the Application Insights SDK".</param>
/// <param name="BindsTo">For a section: the options type every key under it binds to (property paths, dictionary keys, list indexes).</param>
public sealed record AppSetting(string Key, AppSettingNeed Need, string ReadBy, Type? BindsTo = null)
{
    /// <summary>Gets the app setting name (environment variable form).</summary>
    public string Name => Key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Whether this entry reads <paramref name="key"/> (an exact key, or a key under a bound section).</summary>
    /// <param name="key">The key, in either form.</param>
    /// <returns>True when the app reads it.</returns>
    public bool Reads(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string[] segments = key.Replace("__", ":", StringComparison.Ordinal).Split(':');
        string[] own = Key.Split(':');
        if (segments.Length < own.Length || !own.SequenceEqual(segments[..own.Length], StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return BindsTo is null ? segments.Length == own.Length : segments.Length > own.Length && BinderPath.Binds(BindsTo, segments[own.Length..]);
    }
}

/// <summary>When a deployment must write a setting.</summary>
public enum AppSettingNeed
{
    /// <summary>Optional: the app has a default (a deployment may write it).</summary>
    Optional,

    /// <summary>Every Azure deployment writes it.</summary>
    Always,

    /// <summary>A deployment with models (Azure OpenAI) writes keys under it.</summary>
    WithModels,
}
