using System.Globalization;
using System.Text;

namespace ModelAlloy.Models;

/// <summary>
/// The one escaper for Table Storage keys: '/', '\', '#', '?', '%' and control characters (forbidden or
/// troublesome in PartitionKey/RowKey) become %XX; everything else is kept so keys stay readable. Reversible.
/// </summary>
internal static class TableKeys
{
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    public static string Unescape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && int.TryParse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
            {
                builder.Append((char)code);
                i += 2;
                continue;
            }

            builder.Append(value[i]);
        }

        return builder.ToString();
    }
}
