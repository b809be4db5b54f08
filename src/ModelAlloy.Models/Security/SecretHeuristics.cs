using System.Text.RegularExpressions;

namespace ModelAlloy.Models;

/// <summary>Recognises configuration that holds a secret instead of the name of where the secret lives.</summary>
internal static partial class SecretHeuristics
{
    private static readonly string[] SecretKeyNames =
        ["apikey", "api-key", "api_key", "key", "secret", "password", "token", "accesskey", "connectionstring", "authtoken"];

    /// <summary>True when a configuration key name is one that would hold a literal secret.</summary>
    public static bool IsSecretKeyName(string key) =>
        SecretKeyNames.Contains(key.ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>True when a value is a plausible environment variable name (letters, digits, underscores).</summary>
    public static bool IsEnvironmentVariableName(string value) => EnvNamePattern().IsMatch(value);

    /// <summary>
    /// True when a value looks like a key rather than a name: a known key prefix, or a long run that mixes
    /// lower case and digits (environment variable names are conventionally upper case).
    /// </summary>
    public static bool LooksLikeSecret(string value)
    {
        if (value.StartsWith("sk-", StringComparison.Ordinal) || value.StartsWith("sk_", StringComparison.Ordinal))
        {
            return true;
        }

        bool hasLower = value.Any(char.IsLower);
        bool hasDigit = value.Any(char.IsDigit);
        return value.Length >= 20 && hasLower && hasDigit;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvNamePattern();
}
