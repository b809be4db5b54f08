using System.Globalization;
using System.Text;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Escapes strings for use as Table partition and row keys. Keys may not contain <c>/ \ # ?</c> or control
/// characters; those and the escape character <c>%</c> become <c>%XX</c> (two hex digits). Each character is
/// escaped independently, so a prefix of an id escapes to a prefix of the escaped id (prefix queries still work).
/// </summary>
internal static class KeySanitizer
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.AsSpan().ContainsAny(Forbidden) && !value.Any(IsControl))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (Forbidden.Contains(c) || IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Unescape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length &&
                int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }

        return builder.ToString();
    }

    private const string Forbidden = "/\\#?%";

    // Tables reject U+0000-U+001F and U+007F-U+009F in keys; all are below U+0100, so two hex digits suffice.
    private static bool IsControl(char c) => c <= '\u001F' || (c >= '\u007F' && c <= '\u009F');
}
