using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ModelAlloy.Models;

/// <summary>
/// Removes secrets from every text the gateway emits (failure messages, logs, ledger, exceptions): the exact
/// values of the keys it resolved, plus anything shaped like a bearer token or an API key header.
/// </summary>
internal sealed partial class SecretRedactor
{
    internal const string Mask = "[redacted]";
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    /// <summary>Remembers a secret value so it is masked wherever it appears.</summary>
    public void Register(string secret)
    {
        // Very short values would mask ordinary words; real keys are long.
        if (secret.Length >= 8)
        {
            _known.TryAdd(secret, 0);
        }
    }

    /// <summary>Returns <paramref name="text"/> with every known or recognisable secret masked.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (string secret in _known.Keys)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        text = BearerPattern().Replace(text, "$1" + Mask);
        text = KeyHeaderPattern().Replace(text, "$1" + Mask);
        return KeyPrefixPattern().Replace(text, Mask);
    }

    [GeneratedRegex(@"(Bearer\s+)[A-Za-z0-9\-._~+/=]{8,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"((?:api-key|x-api-key|ocp-apim-subscription-key)[""']?\s*[:=]\s*[""']?)[^\s""',;]{8,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyHeaderPattern();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9\-_]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPrefixPattern();
}
